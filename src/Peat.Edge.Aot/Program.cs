using System.CommandLine;
using System.Reflection;
using Peat.Edge.Aot.Cli;

namespace Peat.Edge.Aot
{
    /// <summary>
    /// Wires the commands; each command's options and behaviour live in Cli/ and the feature folders.
    /// --help and --version come with <see cref="RootCommand"/>.
    /// </summary>
    public static class Program
    {
        /// <summary>The release number (the informational version, as --version prints it).</summary>
        public static string Version => typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

        public static int Main(string[] args)
        {
            RootCommand root = new RootCommand("peat-edge: mesh intelligence for constrained field devices (Peat.Edge).");
            root.Subcommands.Add(RunCommand.Create());
            root.Subcommands.Add(StatusCommand.Create());
            root.Subcommands.Add(ConfigCommand.Create());
            root.Subcommands.Add(SimCommand.Create());
            root.Subcommands.Add(DemoCommand.Create());
            root.Subcommands.Add(SelfTestCommand.Create());
            return CommandLineRunner.Run(root, args);
        }
    }
}
