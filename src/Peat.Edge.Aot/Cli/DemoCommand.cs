using System;
using System.CommandLine;
using System.Globalization;
using System.CommandLine.Parsing;
using Peat.Edge.Aot.Demo;

namespace Peat.Edge.Aot.Cli
{
    /// <summary>
    /// <c>peat-edge demo</c>: runs N nodes in this process on virtual time and prints what they learn.
    /// Ranges are checked by the parser, so a bad value is a one-line error before anything runs.
    /// </summary>
    public static class DemoCommand
    {
        public static Command Create()
        {
            Option<int> nodes = new Option<int>("--nodes")
            {
                Description = "Number of nodes (" + DemoSettings.NodeCountMin + ".." + DemoSettings.NodeCountMax + ").",
                DefaultValueFactory = _ => DemoSettings.NodeCountDefault,
            };
            nodes.Validators.Add(result => RequireRange(result, "--nodes", DemoSettings.NodeCountMin, DemoSettings.NodeCountMax));

            Option<int> seconds = new Option<int>("--seconds")
            {
                Description = "Virtual seconds to run (" + DemoSettings.DurationSecondsMin + ".." + DemoSettings.DurationSecondsMax + ").",
                DefaultValueFactory = _ => DemoSettings.DurationSecondsDefault,
            };
            seconds.Validators.Add(result => RequireRange(result, "--seconds", DemoSettings.DurationSecondsMin, DemoSettings.DurationSecondsMax));

            Option<ulong> seed = new Option<ulong>("--seed")
            {
                Description = "Seed for every node's random jitter; the same seed gives the same run.",
                DefaultValueFactory = _ => DemoSettings.SeedDefault,
            };

            Command demo = new Command("demo", "Run an in-process mesh on virtual time and print neighbour discovery.")
            {
                nodes,
                seconds,
                seed,
            };
            demo.SetAction(parseResult =>
            {
                DemoSettings settings = new DemoSettings(parseResult.GetValue(nodes), parseResult.GetValue(seconds), parseResult.GetValue(seed));
                InProcessDemo run = new InProcessDemo(settings, Console.Out);
                run.Run();
                DemoReport.Write(run, Console.Out);
                return 0;
            });
            return demo;
        }

        // Validators run even when the token did not convert; reading the value then throws. So the
        // range is checked on the token itself, and a token that is not a number is left to the
        // parser's own conversion error ("Cannot parse argument 'abc' ...").
        private static void RequireRange(OptionResult result, string name, int min, int max)
        {
            if (result.Tokens.Count == 0)
            {
                return; // The default applies, and defaults are in range.
            }

            string token = result.Tokens[result.Tokens.Count - 1].Value;
            if (int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value) && (value < min || value > max))
            {
                result.AddError(name + " must be " + min + ".." + max + " (was " + value + ").");
            }
        }
    }
}
