using System;

namespace Peat.Edge.Core.Geo
{
    /// <summary>
    /// Argument checks shared by the geo types. Bad coordinates or precisions are programmer errors, so
    /// they throw; the message is built only on the throwing path, so checks cost nothing when they pass.
    /// </summary>
    internal static class GeoGuard
    {
        internal const int LatitudeMaxE7 = 900000000;
        internal const int LongitudeMaxE7 = 1800000000;
        internal const int PrecisionMin = 1;
        internal const int PrecisionMax = 12;

        internal static void Latitude(int latitudeE7, string parameterName)
        {
            if (latitudeE7 < -LatitudeMaxE7 || latitudeE7 > LatitudeMaxE7)
            {
                throw new ArgumentOutOfRangeException(parameterName, parameterName + " must be within -900000000..900000000 (1e-7 degrees).");
            }
        }

        internal static void Longitude(int longitudeE7, string parameterName)
        {
            if (longitudeE7 < -LongitudeMaxE7 || longitudeE7 > LongitudeMaxE7)
            {
                throw new ArgumentOutOfRangeException(parameterName, parameterName + " must be within -1800000000..1800000000 (1e-7 degrees).");
            }
        }

        internal static void Precision(int precision, string parameterName)
        {
            if (precision < PrecisionMin || precision > PrecisionMax)
            {
                throw new ArgumentOutOfRangeException(parameterName, parameterName + " must be within 1..12 geohash characters.");
            }
        }

        internal static void Step(int step, string parameterName)
        {
            if (step < -1 || step > 1)
            {
                throw new ArgumentOutOfRangeException(parameterName, parameterName + " must be -1, 0 or 1.");
            }
        }

        internal static void Buffer(Array? buffer, int offset, int count, string bufferName, string offsetName)
        {
            if (buffer == null)
            {
                throw new ArgumentNullException(bufferName);
            }

            // Written as a subtraction so a huge offset cannot overflow the comparison.
            if (offset < 0 || offset > buffer.Length - count)
            {
                throw new ArgumentOutOfRangeException(offsetName, offsetName + " must leave room for " + count + " elements in " + bufferName + ".");
            }
        }
    }
}
