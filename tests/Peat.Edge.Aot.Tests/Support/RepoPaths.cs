namespace Peat.Edge.Aot.Tests.Support
{
    public static class RepoPaths
    {
        /// <summary>The repository root (the directory holding Peat.Edge.sln), found upwards from the test binaries.</summary>
        public static string Root
        {
            get
            {
                string? dir = AppContext.BaseDirectory;
                while (dir != null && !File.Exists(Path.Combine(dir, "Peat.Edge.sln")))
                {
                    dir = Path.GetDirectoryName(dir);
                }

                return dir ?? throw new InvalidOperationException("Peat.Edge.sln not found above " + AppContext.BaseDirectory);
            }
        }
    }
}
