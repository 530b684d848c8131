using System;
using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// Wi-Fi-like broadcast domain. Airtime is 8·bytes / bitrate; delivery follows after a fixed delay plus
    /// uniform jitter. Collisions are not modelled: 802.11's CSMA/CA resolves contention by deferring,
    /// whose cost is inside the delay, and frames are short next to the beacon intervals.
    /// </summary>
    public sealed class WifiLink : ILinkModel
    {
        private readonly long _delayUs;
        private readonly long _jitterUs;

        /// <summary>Builds the model; the parameters must be valid.</summary>
        public WifiLink(LinkParameters parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            Parameters = parameters;
            _delayUs = LinkParameters.ToUs(parameters.DelayMs);
            _jitterUs = LinkParameters.ToUs(parameters.DelayJitterMs);
        }

        /// <inheritdoc />
        public LinkParameters Parameters { get; }

        /// <inheritdoc />
        public long AirtimeUs(int frameBytes)
        {
            return (long)Math.Ceiling(frameBytes * 8.0 * 1_000_000.0 / Parameters.BitrateBps);
        }

        /// <inheritdoc />
        public long DutyCycleWaitUs(long airtimeUs)
        {
            return Parameters.DutyCycle > 0 && Parameters.DutyCycle < 1 ? (long)Math.Ceiling(airtimeUs * ((1.0 / Parameters.DutyCycle) - 1.0)) : 0;
        }

        /// <inheritdoc />
        public long DeliveryDelayUs(SimRandom channel)
        {
            return _jitterUs == 0 ? _delayUs : _delayUs + channel.NextInt((int)_jitterUs + 1);
        }

        /// <inheritdoc />
        public double DistanceLossProbability(double distanceM)
        {
            return LinkSignal.DistanceLoss(Parameters, distanceM);
        }

        /// <inheritdoc />
        public void SignalAt(double distanceM, out sbyte rssiDbm, out sbyte snrDb)
        {
            LinkSignal.SignalAt(Parameters, distanceM, out rssiDbm, out snrDb);
        }
    }
}
