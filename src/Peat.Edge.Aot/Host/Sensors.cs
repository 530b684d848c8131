namespace Peat.Edge.Aot.Host
{
    /// <summary>A position source read by the host loop (must not block: adapters read devices on their own threads).</summary>
    public interface IPositionSource
    {
        /// <summary>The latest valid fix at <paramref name="nowMs"/> (host monotonic ms); false when there is none or it is stale.</summary>
        bool TryGetPosition(long nowMs, out int latitudeE7, out int longitudeE7);
    }

    /// <summary>A battery level read by the host loop (must not block).</summary>
    public interface IBatterySource
    {
        /// <summary>0..100, or 255 when unknown (a failed read is unknown, never a made-up number).</summary>
        byte Percent { get; }
    }

    /// <summary>No position.</summary>
    public sealed class NoPosition : IPositionSource
    {
        public bool TryGetPosition(long nowMs, out int latitudeE7, out int longitudeE7)
        {
            latitudeE7 = 0;
            longitudeE7 = 0;
            return false;
        }
    }

    /// <summary>A position fixed in the configuration (a mast-mounted gateway).</summary>
    public sealed class FixedPosition : IPositionSource
    {
        private readonly int _latitudeE7;
        private readonly int _longitudeE7;

        public FixedPosition(int latitudeE7, int longitudeE7)
        {
            _latitudeE7 = latitudeE7;
            _longitudeE7 = longitudeE7;
        }

        public bool TryGetPosition(long nowMs, out int latitudeE7, out int longitudeE7)
        {
            latitudeE7 = _latitudeE7;
            longitudeE7 = _longitudeE7;
            return true;
        }
    }

    /// <summary>A fixed battery value (mains: 100) or unknown (255).</summary>
    public sealed class FixedBattery : IBatterySource
    {
        public FixedBattery(byte percent)
        {
            Percent = percent;
        }

        public byte Percent { get; }
    }
}
