using System;
using Iot.Device.Nmea0183;
using Iot.Device.Nmea0183.Sentences;

namespace Peat.Edge.Aot.Sensors.Gps
{
    /// <summary>
    /// Turns NMEA 0183 sentences (parsed by Iot.Device.Nmea0183) into a position fix or "no position".
    /// GGA with a fix quality and RMC with status A give a fix; GGA quality 0, RMC status V, a GGA/RMC
    /// sentence with a bad checksum, or no fix for <c>staleAfterMs</c> make the position invalid, so the
    /// beacon says "no position" instead of sending zeros. Not thread-safe: the GPS reader owns it and
    /// publishes through <see cref="GpsReader"/>.
    /// </summary>
    public sealed class NmeaPositionTracker
    {
        private readonly int _staleAfterMs;
        private DateTimeOffset _lastMessageTime = DateTimeOffset.MinValue;
        private bool _valid;
        private int _latitudeE7;
        private int _longitudeE7;
        private long _fixAtMs;

        public NmeaPositionTracker(int staleAfterMs)
        {
            _staleAfterMs = staleAfterMs;
        }

        public long Sentences { get; private set; }

        public long Fixes { get; private set; }

        public long NoFix { get; private set; }

        public long ChecksumErrors { get; private set; }

        public long Unparsed { get; private set; }

        /// <summary>Takes one sentence line (with or without the line ending) received at <paramref name="nowMs"/>.</summary>
        public void OnSentence(string line, long nowMs)
        {
            line = line.Trim();
            if (line.Length == 0)
            {
                return;
            }

            Sentences++;
            TalkerSentence? sentence = TalkerSentence.FromSentenceString(line, out NmeaError error);
            if (error == NmeaError.InvalidChecksum)
            {
                ChecksumErrors++;
                if (IsPositionSentence(line))
                {
                    _valid = false; // Corrupted position data: no position until a good fix arrives.
                }

                return;
            }

            if (sentence == null || error != NmeaError.None)
            {
                Unparsed++;
                return;
            }

            NmeaSentence? typed;
            try
            {
                typed = sentence.TryGetTypedValue(ref _lastMessageTime);
            }
            // NotSupportedException: in the NativeAOT build UnitsNet's global unit registry is cut away
            // (Trimming/UnitsNet.Substitutions.xml); a sentence type that reached it is counted, not fatal.
            catch (Exception e) when (e is FormatException || e is ArgumentException || e is OverflowException || e is IndexOutOfRangeException || e is NotSupportedException)
            {
                Unparsed++;
                return;
            }

            switch (typed)
            {
                case GlobalPositioningSystemFixData gga:
                    Apply(gga.Valid && gga.Status != GpsQuality.NoFix, gga.Valid ? gga.Position.Latitude : 0, gga.Valid ? gga.Position.Longitude : 0, nowMs);
                    break;
                case RecommendedMinimumNavigationInformation rmc:
                    Apply(rmc.Valid && rmc.Status == NavigationStatus.Valid, rmc.Valid ? rmc.Position.Latitude : 0, rmc.Valid ? rmc.Position.Longitude : 0, nowMs);
                    break;
            }
        }

        /// <summary>No position until the next fix: the receiver is gone, and its last fix must not be sent as current.</summary>
        public void Invalidate()
        {
            _valid = false;
        }

        /// <summary>The latest fix if it is valid and younger than the stale limit at <paramref name="nowMs"/>.</summary>
        public bool TryGetPosition(long nowMs, out int latitudeE7, out int longitudeE7)
        {
            bool fresh = _valid && nowMs - _fixAtMs <= _staleAfterMs;
            latitudeE7 = fresh ? _latitudeE7 : 0;
            longitudeE7 = fresh ? _longitudeE7 : 0;
            return fresh;
        }

        private void Apply(bool hasFix, double latitude, double longitude, long nowMs)
        {
            if (!hasFix || double.IsNaN(latitude) || double.IsNaN(longitude) || latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180)
            {
                NoFix++;
                _valid = false;
                return;
            }

            Fixes++;
            _valid = true;
            _latitudeE7 = (int)Math.Round(latitude * 1e7);
            _longitudeE7 = (int)Math.Round(longitude * 1e7);
            _fixAtMs = nowMs;
        }

        private static bool IsPositionSentence(string line)
        {
            return line.Length > 6 && (string.CompareOrdinal(line, 3, "GGA", 0, 3) == 0 || string.CompareOrdinal(line, 3, "RMC", 0, 3) == 0);
        }
    }
}
