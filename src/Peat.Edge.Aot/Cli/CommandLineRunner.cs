using System.CommandLine;
using System.CommandLine.Invocation;

namespace Peat.Edge.Aot.Cli
{
    /// <summary>
    /// Parses and invokes. A bad argument prints just its error (no help page after it) and exits
    /// non-zero, so a typo in a service unit shows up as one readable line in the journal.
    /// </summary>
    public static class CommandLineRunner
    {
        public static int Run(RootCommand root, string[] args)
        {
            ParseResult parseResult = root.Parse(args);
            if (parseResult.Action is ParseErrorAction errorAction)
            {
                errorAction.ShowHelp = false;
            }

            return parseResult.Invoke();
        }
    }
}
