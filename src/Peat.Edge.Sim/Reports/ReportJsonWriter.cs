using System;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Peat.Edge.Sim.Reports
{
    /// <summary>
    /// Writes a <see cref="SimReport"/> as JSON by hand (Utf8JsonWriter, no reflection, so NativeAOT keeps
    /// it), with exactly the documented keys in the documented order. Numbers are rounded to fixed
    /// decimals (seconds to ms, shares to 1e-6) so equal runs give equal bytes.
    /// </summary>
    public static class ReportJsonWriter
    {
        /// <summary>The report as indented JSON text (UTF-8, '\n' line ends, trailing newline).</summary>
        public static string ToJson(SimReport report)
        {
            using MemoryStream stream = new MemoryStream();
            Write(report, stream);
            return Encoding.UTF8.GetString(stream.ToArray());
        }

        /// <summary>Writes the report to <paramref name="stream"/>.</summary>
        public static void Write(SimReport report, Stream stream)
        {
            ArgumentNullException.ThrowIfNull(report);
            ArgumentNullException.ThrowIfNull(stream);
            JsonWriterOptions options = new JsonWriterOptions { Indented = true, NewLine = "\n" };
            using (Utf8JsonWriter json = new Utf8JsonWriter(stream, options))
            {
                json.WriteStartObject();
                json.WriteString("scenario", report.Scenario);
                json.WriteNumber("seed", report.Seed);
                json.WriteNumber("nodes", report.Nodes);
                json.WriteString("link", report.Link);
                json.WriteNumber("duration_s", Round(report.DurationS, 3));
                WriteNullable(json, "formation_time_s", report.FormationTimeS, 3);
                json.WriteStartArray("faults");
                foreach (SimReportFault fault in report.Faults)
                {
                    json.WriteStartObject();
                    json.WriteString("kind", fault.Kind);
                    if (fault.Node.HasValue)
                    {
                        json.WriteNumber("node", fault.Node.Value);
                    }
                    else
                    {
                        json.WriteNull("node");
                    }

                    json.WriteNumber("at_s", Round(fault.AtS, 3));
                    WriteNullable(json, "recovered_after_s", fault.RecoveredAfterS, 3);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("recovery_time_s");
                WriteNullable(json, "p50", report.RecoveryP50S, 3);
                WriteNullable(json, "p95", report.RecoveryP95S, 3);
                WriteNullable(json, "max", report.RecoveryMaxS, 3);
                json.WriteEndObject();
                WriteTelemetry(json, report.Telemetry);
                json.WriteStartObject("bytes_on_air");
                json.WriteNumber("beacon", report.BeaconBytes);
                json.WriteNumber("data", report.DataBytes);
                json.WriteNumber("total", report.TotalBytes);
                json.WriteEndObject();
                WriteNullable(json, "control_airtime_share", report.ControlAirtimeShare, 6);
                WriteAggregation(json, report.Aggregation);
                WriteNullable(json, "parent_switches", report.ParentSwitches);
                WriteNullable(json, "max_depth", report.MaxDepth);
                json.WriteNumber("orphans_at_end", report.OrphansAtEnd);
                json.WriteNumber("partitions_at_end", report.PartitionsAtEnd);
                json.WriteNumber("invariant_violations", report.InvariantViolations);
                json.WriteNumber("wall_time_s", Round(report.WallTimeS, 3));
                WriteNullable(json, "speedup", report.Speedup, 1);
                json.WriteEndObject();
            }

            stream.WriteByte((byte)'\n');
        }

        private static void WriteTelemetry(Utf8JsonWriter json, SimReportTelemetry? telemetry)
        {
            if (telemetry == null)
            {
                json.WriteNull("telemetry");
                return;
            }

            json.WriteStartObject("telemetry");
            json.WriteNumber("generated", telemetry.Generated);
            json.WriteNumber("delivered", telemetry.Delivered);
            json.WriteNumber("duplicates", telemetry.Duplicates);
            json.WriteNumber("buffered_at_end", telemetry.BufferedAtEnd);
            json.WriteNumber("dropped_overflow", telemetry.DroppedOverflow);
            json.WriteNumber("lost", telemetry.Lost);
            json.WriteEndObject();
        }

        private static void WriteAggregation(Utf8JsonWriter json, SimReportAggregation? aggregation)
        {
            if (aggregation == null)
            {
                json.WriteNull("aggregation");
                return;
            }

            json.WriteStartObject("aggregation");
            json.WriteNumber("raw_bytes", aggregation.RawBytes);
            json.WriteNumber("aggregated_bytes", aggregation.AggregatedBytes);
            WriteNullable(json, "reduction", aggregation.Reduction, 4);
            json.WriteEndObject();
        }

        private static void WriteNullable(Utf8JsonWriter json, string key, double? value, int decimals)
        {
            if (value.HasValue && double.IsFinite(value.Value))
            {
                json.WriteNumber(key, Round(value.Value, decimals));
            }
            else
            {
                json.WriteNull(key);
            }
        }

        private static void WriteNullable(Utf8JsonWriter json, string key, long? value)
        {
            if (value.HasValue)
            {
                json.WriteNumber(key, value.Value);
            }
            else
            {
                json.WriteNull(key);
            }
        }

        private static double Round(double value, int decimals)
        {
            return Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        }
    }
}
