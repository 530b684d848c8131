using System;

namespace Peat.Edge.Aot.Transports.Serial
{
    /// <summary>
    /// An airtime (duty-cycle) budget for a radio behind a UART: a token bucket holding
    /// <c>windowMs × dutyCyclePercent / 100</c> ms of airtime, refilled at the duty-cycle rate. A frame costs
    /// its bytes at the air bitrate plus a per-frame overhead (preamble, header). A frame the budget cannot
    /// pay for is refused and counted rather than queued: beacons are periodic and a late one is worthless,
    /// and a modem fed faster than it transmits overflows its own buffer or breaks the regional duty limit.
    /// </summary>
    public sealed class AirtimeBudget
    {
        private readonly long _capacityUs;
        private readonly int _bitrateBps;
        private readonly int _dutyCyclePercent;
        private readonly int _overheadMs;
        private long _tokensUs;
        private long _lastMs;

        public AirtimeBudget(int bitrateBps, int dutyCyclePercent, int windowMs, int perFrameOverheadMs, long nowMs)
        {
            _bitrateBps = bitrateBps;
            _dutyCyclePercent = dutyCyclePercent;
            _overheadMs = perFrameOverheadMs;
            _capacityUs = (long)windowMs * 1000 * dutyCyclePercent / 100;
            _tokensUs = _capacityUs;
            _lastMs = nowMs;
        }

        public long Refused { get; private set; }

        public long AirtimeUsedUs { get; private set; }

        /// <summary>Microseconds on air for a frame of <paramref name="wireBytes"/>.</summary>
        public long AirtimeUs(int wireBytes) => ((long)wireBytes * 8 * 1000000 / _bitrateBps) + ((long)_overheadMs * 1000);

        /// <summary>Takes the airtime for a frame if the budget has it; false (counted) otherwise.</summary>
        public bool TryConsume(int wireBytes, long nowMs)
        {
            if (nowMs > _lastMs)
            {
                long refill = (nowMs - _lastMs) * 1000 * _dutyCyclePercent / 100;
                _tokensUs = Math.Min(_capacityUs, _tokensUs + refill);
                _lastMs = nowMs;
            }

            long cost = AirtimeUs(wireBytes);
            if (cost > _tokensUs)
            {
                Refused++;
                return false;
            }

            _tokensUs -= cost;
            AirtimeUsedUs += cost;
            return true;
        }
    }
}
