using System.Text.RegularExpressions;

namespace Peat.Edge.Tests.Shared;

/// <summary>
/// Style rules that matter, enforced by tests (as TigerBeetle's tidy does): the .cs files under some folders
/// are read line by line, with comments and string literals blanked, and every line matching a banned
/// pattern is reported. One file, linked into each test project that holds such rules.
/// </summary>
internal static class SourceRules
{
    /// <summary>The repository root: the folder holding Peat.Edge.sln, found upwards from the test binaries.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>The .cs files under <paramref name="folder"/> (relative to the root), bin and obj left out.</summary>
    public static List<string> SourceFiles(string folder)
    {
        string sep = Path.DirectorySeparatorChar.ToString();
        return Directory.EnumerateFiles(Path.Combine(RepoRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(sep + "obj" + sep, StringComparison.Ordinal) && !f.Contains(sep + "bin" + sep, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Every line of <paramref name="files"/> that matches a banned pattern, as "path:line: code  (why)".</summary>
    public static List<string> Violations(IEnumerable<string> files, (string Pattern, string Why)[] banned)
    {
        var violations = new List<string>();
        foreach (string file in files)
        {
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = StripCommentsAndStrings(lines[i]);
                foreach (var (pattern, why) in banned)
                {
                    if (Regex.IsMatch(code, pattern))
                    {
                        violations.Add($"{Path.GetRelativePath(RepoRoot, file)}:{i + 1}: {lines[i].Trim()}  ({why})");
                    }
                }
            }
        }

        return violations;
    }

    /// <summary>The code of one line: string literals emptied, a trailing // comment and doc or block comment lines removed.</summary>
    public static string StripCommentsAndStrings(string line)
    {
        string noStrings = Regex.Replace(line, "\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
        int comment = noStrings.IndexOf("//", StringComparison.Ordinal);
        string code = comment >= 0 ? noStrings[..comment] : noStrings;
        return code.TrimStart().StartsWith("*", StringComparison.Ordinal) || code.TrimStart().StartsWith("/*", StringComparison.Ordinal) ? string.Empty : code;
    }

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory != null && !File.Exists(Path.Combine(directory.FullName, "Peat.Edge.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Peat.Edge.sln not found above " + AppContext.BaseDirectory);
    }
}
