using Peat.Edge.Core.Checks;
using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Hierarchy
{
    /// <summary>
    /// Leader-election score from beacon fields only: mobility (a stationary node leads better),
    /// resources (what it advertises it can do and whether it runs on mains) and battery, weighted
    /// 40/40/20 by default as peat-mesh does. Every node computes the same number for every node.
    /// </summary>
    public sealed class ElectionScore
    {
        private readonly int _mobilityWeight;
        private readonly int _resourcesWeight;
        private readonly int _batteryWeight;

        /// <summary>Weights in any unit; they are normalised by their sum.</summary>
        public ElectionScore(int mobilityWeight, int resourcesWeight, int batteryWeight)
        {
            Invariant.InRange(mobilityWeight >= 0 && resourcesWeight >= 0 && batteryWeight >= 0, "mobilityWeight", "weights must not be negative");
            Invariant.InRange(mobilityWeight + resourcesWeight + batteryWeight > 0, "batteryWeight", "at least one weight must be positive");
            _mobilityWeight = mobilityWeight;
            _resourcesWeight = resourcesWeight;
            _batteryWeight = batteryWeight;
        }

        /// <summary>The default 40/40/20.</summary>
        public static ElectionScore Default()
        {
            return new ElectionScore(40, 40, 20);
        }

        /// <summary>Score 0..1000.</summary>
        public int Of(in BeaconBody beacon)
        {
            Capabilities caps = beacon.Capabilities;
            int mobility = (caps & Capabilities.Mobile) != 0 ? 0 : 1000;
            int resources = ((caps & Capabilities.CanParent) != 0 ? 250 : 0) + ((caps & Capabilities.RootCapable) != 0 ? 250 : 0)
                + ((caps & Capabilities.Uplink) != 0 ? 250 : 0) + ((caps & Capabilities.BatteryPowered) == 0 ? 250 : 0);
            int battery = beacon.BatteryPercent == BeaconBody.BatteryUnknown ? 1000 : beacon.BatteryPercent * 10;
            int total = _mobilityWeight + _resourcesWeight + _batteryWeight;
            return ((mobility * _mobilityWeight) + (resources * _resourcesWeight) + (battery * _batteryWeight)) / total;
        }
    }
}
