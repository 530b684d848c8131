using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using Peat.Edge.Sim.Checks;
using Peat.Edge.Sim.Engine;
using Peat.Edge.Sim.Reports;
using Peat.Edge.Sim.Scenarios;

namespace Peat.Edge.Sim.Cli
{
    /// <summary>
    /// <c>peat-edge sim</c>: validates the options, runs the world in slices (printing progress at most
    /// every 0.5 wall seconds or 10 % of virtual time), writes the report, SVG and event log, and prints a
    /// summary. The wall clock is read here and only here, for progress, wall_time_s and speedup; the
    /// engine never sees it. Every failure line carries the seed and the replay command.
    /// </summary>
    public static class SimRunner
    {
        /// <summary>The run completed and every invariant held.</summary>
        public const int ExitOk = 0;

        /// <summary>An invariant was violated, or the engine failed.</summary>
        public const int ExitFailed = 1;

        /// <summary>The options are invalid.</summary>
        public const int ExitBadOptions = 2;

        /// <summary>The report, SVG or event log could not be written.</summary>
        public const int ExitIoError = 3;

        private const int PrintedViolationsMax = 10;
        private const double ProgressWallS = 0.5;

        /// <summary>Runs a simulation; returns the process exit code.</summary>
        public static int Run(SimOptions options, TextWriter progress)
        {
            ArgumentNullException.ThrowIfNull(options);
            ArgumentNullException.ThrowIfNull(progress);
            string? error = options.Validate();
            if (error != null)
            {
                progress.WriteLine("peat-edge sim: " + error);
                return ExitBadOptions;
            }

            return Run(options, ScenarioCatalog.Build(options), progress);
        }

        /// <summary>
        /// Runs <paramref name="config"/> (built from <paramref name="options"/>, which still name the outputs
        /// and the summary); tests change the config first, or <paramref name="prepare"/> the world before it runs,
        /// e.g. to make the engine fail.
        /// </summary>
        internal static int Run(SimOptions options, SimConfig config, TextWriter progress, Action<SimWorld>? prepare = null)
        {
            StreamWriter? eventLog = null;
            SimOutputFile? reportFile = null;
            SimOutputFile? svgFile = null;
            SimWorld? world = null;
            try
            {
                // Every output is opened before the run: a path that cannot be written fails now, not at the end.
                reportFile = SimOutputFile.Open(options.ReportPath);
                svgFile = SimOutputFile.Open(options.SvgPath);
                eventLog = options.EventLogPath != null ? new StreamWriter(options.EventLogPath, false, new UTF8Encoding(false)) : null;
                world = new SimWorld(config, eventLog);
                prepare?.Invoke(world);
                return RunWorld(world, options, progress, reportFile, svgFile);
            }
            catch (IOException exception)
            {
                progress.WriteLine("peat-edge sim: cannot write output: " + exception.Message);
                return ExitIoError;
            }
            catch (UnauthorizedAccessException exception)
            {
                progress.WriteLine("peat-edge sim: cannot write output: " + exception.Message);
                return ExitIoError;
            }
            catch (Exception exception)
            {
                // Anything else is a bug in the engine or the core; the seed and command let anyone replay it.
                string at = world != null ? " at t=" + (world.NowUs / 1e6).ToString("0.######", System.Globalization.CultureInfo.InvariantCulture) + " s" : "";
                progress.WriteLine("peat-edge sim: FAILED" + at + ": " + exception.Message + "; seed " + config.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; replay: " + config.ReplayCommand);
                return ExitFailed;
            }
            finally
            {
                eventLog?.Dispose();
                svgFile?.Dispose();
                reportFile?.Dispose();
            }
        }

        private static int RunWorld(SimWorld world, SimOptions options, TextWriter progress, SimOutputFile? reportFile, SimOutputFile? svgFile)
        {
            int printed = 0;
            world.ViolationFound = violation =>
            {
                if (printed++ < PrintedViolationsMax)
                {
                    progress.WriteLine(violation.Message);
                }
            };
            if (!options.Quiet)
            {
                SimSummary.WriteHeader(progress, world, ScenarioCatalog.Find(options.Scenario)!.Description);
            }

            Stopwatch wall = Stopwatch.StartNew();
            long sliceUs = Math.Max(1000, world.DurationUs / 100);
            long nextTenthUs = world.DurationUs / 10;
            double lastPrintS = 0;
            while (world.NowUs < world.DurationUs)
            {
                world.RunUntil(world.NowUs + sliceUs);
                double wallS = wall.Elapsed.TotalSeconds;
                bool tenth = world.NowUs >= nextTenthUs;
                if (!options.Quiet && (tenth || wallS - lastPrintS >= ProgressWallS) && world.NowUs < world.DurationUs)
                {
                    SimSummary.WriteProgress(progress, world, wallS);
                    lastPrintS = wallS;
                }

                while (world.NowUs >= nextTenthUs && nextTenthUs > 0)
                {
                    nextTenthUs += world.DurationUs / 10;
                }
            }

            world.Finish();
            double wallTimeS = wall.Elapsed.TotalSeconds;
            SimReport report = world.BuildReport(wallTimeS);
            reportFile?.Write(ReportJsonWriter.ToJson(report));
            svgFile?.Write(SvgWriter.Render(world));
            if (!options.Quiet)
            {
                SimSummary.WriteSummary(progress, world, report);
            }
            else if (report.InvariantViolations > 0)
            {
                progress.WriteLine("peat-edge sim: " + report.InvariantViolations.ToString(System.Globalization.CultureInfo.InvariantCulture)
                    + " invariant violations; seed " + world.Config.Seed.ToString(System.Globalization.CultureInfo.InvariantCulture) + "; replay: " + world.ReplayCommand);
            }

            return report.InvariantViolations > 0 ? ExitFailed : ExitOk;
        }

        /// <summary>For tests and tools: the report of a run of <paramref name="options"/> without printing or files other than the options name.</summary>
        public static SimReport RunToReport(SimOptions options, TextWriter? eventLog = null)
        {
            ArgumentNullException.ThrowIfNull(options);
            SimWorld world = new SimWorld(ScenarioCatalog.Build(options), eventLog);
            Stopwatch wall = Stopwatch.StartNew();
            world.Run();
            return world.BuildReport(wall.Elapsed.TotalSeconds);
        }
    }
}
