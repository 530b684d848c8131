using System;
using Peat.Edge.Sim.Engine;

namespace Peat.Edge.Sim.Links
{
    /// <summary>
    /// LoRa-like link. Airtime is Semtech's time-on-air formula (<see cref="LoraAirtime"/>), precomputed
    /// for every payload length 0..255. The engine models half-duplex (no reception while transmitting),
    /// collisions (overlapping receptions at one receiver are both lost; no capture effect, and only nodes
    /// in range interfere) and an optional duty-cycle limit. Propagation delay (10 µs per 3 km) is ignored.
    /// </summary>
    public sealed class LoraLink : ILinkModel
    {
        private readonly long[] _airtimeUs = new long[256];
        private readonly long _delayUs;
        private readonly long _jitterUs;

        /// <summary>Builds the model; the parameters must be valid.</summary>
        public LoraLink(LinkParameters parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            Parameters = parameters;
            for (int bytes = 0; bytes < _airtimeUs.Length; bytes++)
            {
                _airtimeUs[bytes] = (long)Math.Ceiling((LoraAirtime.TimeOnAirMs(bytes, parameters) * 1000.0) - 1e-6);
            }

            _delayUs = LinkParameters.ToUs(parameters.DelayMs);
            _jitterUs = LinkParameters.ToUs(parameters.DelayJitterMs);
        }

        /// <inheritdoc />
        public LinkParameters Parameters { get; }

        /// <inheritdoc />
        public long AirtimeUs(int frameBytes)
        {
            if (frameBytes < 0 || frameBytes >= _airtimeUs.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(frameBytes), "a LoRa frame is 0..255 bytes");
            }

            return _airtimeUs[frameBytes];
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
