using System;
using System.Text.RegularExpressions;
using Peat.Edge.Core.Limits;

namespace Peat.Edge.Aot.Config
{
    /// <summary>
    /// Turns an <see cref="ArgumentException"/> from <see cref="NodeLimits.Validate"/> into a configuration
    /// error in the file's terms. The core names C# fields (<c>NodeLimits.ChildCapacity … (Parameter
    /// 'ChildCapacity')</c>), and a rule it breaks may involve a value the file never wrote (the preset's, the
    /// timing's) or cannot write at all (the preset's telemetry buffer). So the error goes under the key the
    /// file wrote, the other side of the rule is named with where its value came from, and a field without
    /// a key is described in words, never as a key the user would look for in vain.
    /// </summary>
    internal static partial class LimitsErrors
    {
        /// <summary>What the limits were built from: the error names these when a value is not the file's.</summary>
        internal readonly struct Origin
        {
            public Origin(LimitsSection? section, string preset, string timing)
            {
                Section = section;
                Preset = preset;
                Timing = timing;
            }

            public LimitsSection? Section { get; }

            public string Preset { get; }

            public string Timing { get; }
        }

        public static ConfigException Translate(string file, ArgumentException e, NodeLimits limits, Origin origin)
        {
            string field = e.ParamName ?? string.Empty;
            LimitsSection? written = origin.Section;
            switch (field)
            {
                case "ChildCapacity" when limits.ChildCapacity >= 0 && limits.ChildCapacity <= NodeLimits.ChildCapacityCeiling:
                    {
                        // Children are neighbours: name the side the file wrote.
                        const string Why = " (children are neighbours, and the parent needs a slot too)";
                        if (written?.ChildCapacity != null)
                        {
                            return new ConfigException(file, "limits.childCapacity", "must be smaller than limits.neighbourCapacity (" + limits.NeighbourCapacity + From(written.NeighbourCapacity != null, origin.Preset + " preset") + ")" + Why + " (was " + limits.ChildCapacity + ")");
                        }

                        if (written?.NeighbourCapacity != null)
                        {
                            return new ConfigException(file, "limits.neighbourCapacity", "must be larger than limits.childCapacity (" + limits.ChildCapacity + From(false, origin.Preset + " preset") + ")" + Why + " (was " + limits.NeighbourCapacity + ")");
                        }

                        break;
                    }

                case "LateralPeerCapacity" when written?.NeighbourCapacity != null:
                    return new ConfigException(file, "limits.neighbourCapacity", "must be larger than the " + origin.Preset + " preset's lateral peer capacity (" + limits.LateralPeerCapacity + ") (was " + limits.NeighbourCapacity + ")");

                case "TelemetryBufferBytes" when written?.FrameBytesMax != null && limits.TelemetryBufferBytes < limits.FrameBytesMax:
                    return new ConfigException(file, "limits.frameBytesMax", "must be at most the " + origin.Preset + " preset's telemetry buffer (" + limits.TelemetryBufferBytes + " bytes), which must hold one frame (was " + limits.FrameBytesMax + ")");

                case "BeaconIntervalMsMax" when limits.BeaconIntervalMsMax < limits.BeaconIntervalMsMin:
                    if (written?.BeaconIntervalMsMax != null)
                    {
                        return new ConfigException(file, "limits.beaconIntervalMsMax", "must be at least limits.beaconIntervalMsMin (" + limits.BeaconIntervalMsMin + From(written.BeaconIntervalMsMin != null, origin.Timing + " timing") + ") (was " + limits.BeaconIntervalMsMax + ")");
                    }

                    if (written?.BeaconIntervalMsMin != null)
                    {
                        return new ConfigException(file, "limits.beaconIntervalMsMin", "must be at most limits.beaconIntervalMsMax (" + limits.BeaconIntervalMsMax + From(false, origin.Timing + " timing") + ") (was " + limits.BeaconIntervalMsMin + ")");
                    }

                    break;
            }

            string rule = InFileTerms(Rule(e, field));
            string? key = KeyOf(field);
            if (key != null && IsWritten(written, field))
            {
                return new ConfigException(file, key, rule);
            }

            // Nothing the file wrote is to blame alone: say which combination produced the value.
            return new ConfigException(file, "limits", "the " + origin.Preset + " preset with " + origin.Timing + " timing and these overrides gives a " + Words(field) + " that " + rule);
        }

        // ", from the esp32Leaf preset" when the value is not the file's own.
        private static string From(bool writtenByFile, string source) => writtenByFile ? string.Empty : ", from the " + source;

        // "NodeLimits.ChildCapacity must be 0..127 (was 500) (Parameter 'ChildCapacity')" -> "must be 0..127 (was 500)".
        private static string Rule(ArgumentException e, string field)
        {
            string message = e.Message;
            string suffix = " (Parameter '" + field + "')";
            if (message.EndsWith(suffix, StringComparison.Ordinal))
            {
                message = message.Substring(0, message.Length - suffix.Length);
            }

            string prefix = "NodeLimits." + field + " ";
            return message.StartsWith(prefix, StringComparison.Ordinal) ? message.Substring(prefix.Length) : message;
        }

        // Field names inside a rule ("must be >= BeaconIntervalMsMin") become keys or words.
        private static string InFileTerms(string rule)
        {
            return FieldName().Replace(rule, m => KeyOf(m.Value) ?? Words(m.Value));
        }

        // The fields a configuration file can set, under their keys (docs/configuration.md, "limits").
        private static string? KeyOf(string field)
        {
            switch (field)
            {
                case "NeighbourCapacity": return "limits.neighbourCapacity";
                case "ChildCapacity": return "limits.childCapacity";
                case "FrameBytesMax": return "limits.frameBytesMax";
                case "BeaconIntervalMsMin": return "limits.beaconIntervalMsMin";
                case "BeaconIntervalMsMax": return "limits.beaconIntervalMsMax";
                case "MissedBeaconsBeforeLoss": return "limits.missedBeaconsBeforeLoss";
                case "ParentDwellMs": return "limits.parentDwellMs";
                default: return null;
            }
        }

        private static bool IsWritten(LimitsSection? section, string field)
        {
            if (section == null)
            {
                return false;
            }

            switch (field)
            {
                case "NeighbourCapacity": return section.NeighbourCapacity != null;
                case "ChildCapacity": return section.ChildCapacity != null;
                case "FrameBytesMax": return section.FrameBytesMax != null;
                case "BeaconIntervalMsMin": return section.BeaconIntervalMsMin != null;
                case "BeaconIntervalMsMax": return section.BeaconIntervalMsMax != null;
                case "MissedBeaconsBeforeLoss": return section.MissedBeaconsBeforeLoss != null;
                case "ParentDwellMs": return section.ParentDwellMs != null;
                default: return false;
            }
        }

        // "TelemetryBufferBytes" -> "telemetry buffer bytes".
        private static string Words(string field)
        {
            return WordStart().Replace(field, m => (m.Index == 0 ? string.Empty : " ") + m.Value.ToLowerInvariant());
        }

        // A C# identifier of two or more capitalised words (NeighbourCapacity), not an acronym (UDP, HMAC-SHA256).
        [GeneratedRegex("[A-Z][a-z]+(?:[A-Z][a-z]*)+")]
        private static partial Regex FieldName();

        [GeneratedRegex("[A-Z]")]
        private static partial Regex WordStart();
    }
}
