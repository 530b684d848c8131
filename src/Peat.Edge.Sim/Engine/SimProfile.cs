using System;
using Peat.Edge.Core.Limits;
using Peat.Edge.Sim.Links;
using Peat.Edge.Sim.Placement;

namespace Peat.Edge.Sim.Engine
{
    /// <summary>
    /// Everything that differs per link profile besides the link model itself, in one place: node limits,
    /// check period and default run length.
    /// <para>Limits: root-capable nodes are <see cref="NodeLimits.Gateway"/>; CanParent nodes (squad
    /// leaders, relays) are Gateway-derived with a relay-sized telemetry buffer (32 KiB instead of 256 KiB:
    /// two hundred full gateway buffers would dominate simulator memory without changing any scenario of
    /// minutes); leaves are <see cref="NodeLimits.Esp32Leaf"/> with the neighbour table raised from 16 to 32
    /// (Wi-Fi) or 64 (LoRa). Why: the default densities put 15–25 (Wi-Fi) and 30–45 (LoRa) nodes in range;
    /// a 16-entry table full of fresh entries refuses newcomers, so who a leaf knows would depend on
    /// arrival order rather than topology, and every leaf would spend its life evicting. 32/64 entries
    /// are 1.5/3 KiB, which an ESP32 has. Every node's FrameBytesMax is the link MTU (1200 / 255).</para>
    /// <para>Beacon timing: the core's <see cref="NodeLimits.WithWifiTiming"/> (250 ms / 1 s) and
    /// <see cref="NodeLimits.WithLoraTiming"/> (4 s / 240 s: a 48-byte beacon is ~98 ms on air at SF7).</para>
    /// </summary>
    public static class SimProfile
    {
        /// <summary>Leaf neighbour capacity on Wi-Fi.</summary>
        public const int WifiLeafNeighbourCapacity = 32;

        /// <summary>Leaf neighbour capacity on LoRa.</summary>
        public const int LoraLeafNeighbourCapacity = 64;

        /// <summary>Telemetry buffer of a CanParent (relay) node.</summary>
        public const int RelayTelemetryBufferBytes = 32768;

        /// <summary>Telemetry records of a CanParent (relay) node.</summary>
        public const int RelayTelemetryBufferCount = 256;

        /// <summary>The limits node <paramref name="plan"/> runs with on <paramref name="link"/>.</summary>
        public static NodeLimits LimitsFor(LinkParameters link, NodePlan plan)
        {
            ArgumentNullException.ThrowIfNull(link);
            ArgumentNullException.ThrowIfNull(plan);
            bool lora = link.Kind == LinkKind.Lora;
            NodeLimits limits;
            if (plan.IsRootCapable)
            {
                limits = NodeLimits.Gateway();
            }
            else if ((plan.Capabilities & Core.Wire.Capabilities.CanParent) != 0)
            {
                limits = NodeLimits.Gateway();
                limits.TelemetryBufferBytes = RelayTelemetryBufferBytes;
                limits.TelemetryBufferCount = RelayTelemetryBufferCount;
            }
            else
            {
                limits = NodeLimits.Esp32Leaf();
                limits.NeighbourCapacity = lora ? LoraLeafNeighbourCapacity : WifiLeafNeighbourCapacity;
            }

            limits.FrameBytesMax = link.MtuBytes;
            limits.TelemetryBufferBytes = Math.Max(limits.TelemetryBufferBytes, link.MtuBytes);
            // Beacon timing is the core's own per-link preset, so the simulator runs what devices run.
            return lora ? limits.WithLoraTiming() : limits.WithWifiTiming();
        }

        /// <summary>How often safety and liveness are checked: 250 ms on Wi-Fi (recovery takes seconds), 1 s on LoRa.</summary>
        public static long CheckPeriodUs(LinkKind kind)
        {
            return kind == LinkKind.Lora ? 1_000_000 : 250_000;
        }

        /// <summary>Payload of each simulated telemetry record: a position, a battery reading and a sensor value or two.</summary>
        public const int TelemetryPayloadBytes = 16;

        /// <summary>How often each node submits telemetry: every 10 s on Wi-Fi, every 5 min on LoRa (airtime).</summary>
        public static long TelemetryIntervalUs(LinkKind kind)
        {
            return kind == LinkKind.Lora ? 300_000_000 : 10_000_000;
        }

        /// <summary>Scenario default durations are for Wi-Fi; LoRa's beacons are 5–120 s apart, so its runs are 6× longer.</summary>
        public static double DurationScale(LinkKind kind)
        {
            return kind == LinkKind.Lora ? 6.0 : 1.0;
        }
    }
}
