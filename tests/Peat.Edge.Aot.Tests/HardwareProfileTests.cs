using System.Text.RegularExpressions;
using Peat.Edge.Aot.Tests.Support;
using Xunit;

namespace Peat.Edge.Aot.Tests
{
    /// <summary>
    /// The board profiles in hardware/ stay usable: every example config passes `peat-edge config check`
    /// (the command a user runs, not only the loader), every folder is documented, and the links between
    /// the profiles, the adapter READMEs and docs/configuration.md point at files that exist.
    /// </summary>
    public sealed class HardwareProfileTests
    {
        private static string Hardware => Path.Combine(RepoPaths.Root, "hardware");

        [Fact]
        public void EveryExampleConfigInHardwarePassesConfigCheck()
        {
            string[] files = Directory.GetFiles(Hardware, "*.json", SearchOption.AllDirectories);
            // The profiles the hardware README promises; a deleted or renamed one must fail here, not vanish.
            Assert.Contains(Path.Combine(Hardware, "raspberry-pi-gateway", "peat-edge.json"), files);
            Assert.Contains(Path.Combine(Hardware, "x64-lab-node", "peat-edge.json"), files);
            foreach (string file in files)
            {
                (int code, string stdout, string stderr) = PeatEdge.RunToEnd(15000, "config", "check", file);
                Assert.True(code == 0, file + ": exit " + code + "\n" + stderr);
                Assert.StartsWith("config ok: " + file + ": ", stdout);
                Assert.Equal(string.Empty, stderr);
            }
        }

        [Fact]
        public void EveryHardwareFolderHasAReadme()
        {
            Assert.True(File.Exists(Path.Combine(Hardware, "README.md")));
            foreach (string dir in Directory.GetDirectories(Hardware, "*", SearchOption.AllDirectories))
            {
                Assert.True(File.Exists(Path.Combine(dir, "README.md")), dir + " has no README.md");
            }
        }

        [Fact]
        public void LinksInTheProfileAndAdapterDocsResolve()
        {
            // The hardware READMEs, the adapter READMEs in src/Peat.Edge.Aot and docs/configuration.md point at each other.
            List<string> readmes = new List<string>(Directory.GetFiles(Hardware, "README.md", SearchOption.AllDirectories));
            readmes.AddRange(Directory.GetFiles(Path.Combine(RepoPaths.Root, "src", "Peat.Edge.Aot"), "README.md", SearchOption.AllDirectories));
            readmes.Add(Path.Combine(RepoPaths.Root, "docs", "configuration.md"));
            int links = 0;
            foreach (string readme in readmes)
            {
                string text = File.ReadAllText(readme);
                foreach (Match m in Regex.Matches(text, @"\]\(([^)#\s]+)(#[^)]*)?\)"))
                {
                    string target = m.Groups[1].Value;
                    if (target.Contains("://", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    string path = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(readme)!, target));
                    Assert.True(File.Exists(path) || Directory.Exists(path), readme + ": link to " + target + " does not resolve");
                    links++;
                }
            }

            Assert.True(links > 20, "the link check found only " + links + " links");
        }
    }
}
