namespace Peat.Edge.Aot.Tests.Support
{
    /// <summary>A short-named temporary directory (Unix socket paths must stay under 108 bytes), removed on dispose.</summary>
    public sealed class TempDir : IDisposable
    {
        public TempDir()
        {
            Path = System.IO.Path.Combine("/tmp", "pe-" + Guid.NewGuid().ToString("N").Substring(0, 10));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public string Write(string name, string text)
        {
            string file = File(name);
            System.IO.File.WriteAllText(file, text);
            return file;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Path, true);
            }
            catch (IOException)
            {
            }
        }
    }
}
