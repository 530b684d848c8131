using Peat.Edge.Core.Wire;

namespace Peat.Edge.Core.Node
{
    /// <summary>The host's latest sensor readings for this node (position fix, battery).</summary>
    public struct SelfReading
    {
        /// <summary>False when there is no valid fix: the beacon then says "no position" rather than sending zeros.</summary>
        public bool HasPosition;

        /// <summary>Latitude in 1e-7 degrees.</summary>
        public int LatitudeE7;

        /// <summary>Longitude in 1e-7 degrees.</summary>
        public int LongitudeE7;

        /// <summary>0..100, or <see cref="BeaconBody.BatteryUnknown"/>.</summary>
        public byte BatteryPercent;

        /// <summary>True while the node is moving (from GPS speed or configuration); beaconed as <see cref="Capabilities.Mobile"/>.</summary>
        public bool IsMoving;

        /// <summary>A reading with a position fix and a battery level.</summary>
        public static SelfReading At(int latitudeE7, int longitudeE7, byte batteryPercent)
        {
            return new SelfReading { HasPosition = true, LatitudeE7 = latitudeE7, LongitudeE7 = longitudeE7, BatteryPercent = batteryPercent };
        }

        /// <summary>No position and no battery information.</summary>
        public static SelfReading Unknown => new SelfReading { HasPosition = false, BatteryPercent = BeaconBody.BatteryUnknown };
    }
}
