using System;
using System.IO;
using System.Text;

namespace Peat.Edge.Sim.Cli
{
    /// <summary>
    /// One output of <c>peat-edge sim</c> written once, at the end (the report, the SVG): opened before the run,
    /// so a path that cannot be written fails in the first second, not after an hour of simulation; written
    /// only when the run finished, so a failed run leaves a file that was there untouched, and removes the
    /// empty one it created.
    /// </summary>
    internal sealed class SimOutputFile : IDisposable
    {
        private readonly string _path;
        private readonly bool _created;
        private FileStream? _stream;
        private bool _written;

        private SimOutputFile(string path, bool created, FileStream stream)
        {
            _path = path;
            _created = created;
            _stream = stream;
        }

        /// <summary>Opens (or creates) <paramref name="path"/> for writing without changing what is in it; null for no path.</summary>
        /// <exception cref="IOException">The file cannot be created or opened (also UnauthorizedAccessException).</exception>
        public static SimOutputFile? Open(string? path)
        {
            if (path == null)
            {
                return null;
            }

            bool existed = File.Exists(path);
            FileStream stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
            return new SimOutputFile(path, !existed, stream);
        }

        /// <summary>Replaces the file's content with <paramref name="text"/> (UTF-8, no byte-order mark).</summary>
        public void Write(string text)
        {
            FileStream stream = _stream ?? throw new ObjectDisposedException(nameof(SimOutputFile));
            byte[] bytes = new UTF8Encoding(false).GetBytes(text);
            stream.SetLength(0);
            stream.Write(bytes, 0, bytes.Length);
            stream.Flush(flushToDisk: false);
            _written = true;
        }

        public void Dispose()
        {
            if (_stream == null)
            {
                return;
            }

            _stream.Dispose();
            _stream = null;
            if (!_written && _created)
            {
                try
                {
                    File.Delete(_path);
                }
                catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
                {
                    // Best effort: an empty file left behind is all that is lost.
                }
            }
        }
    }
}
