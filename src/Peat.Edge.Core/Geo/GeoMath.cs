using System;

namespace Peat.Edge.Core.Geo
{
    /// <summary>
    /// Double-precision elementary functions for geo code. nanoFramework's mscorlib has no System.Math,
    /// so the core carries its own. The kernels are fdlibm's (Sun, 1993: minimax polynomials with
    /// error below 1 ulp on the reduced range), which keeps results within ~1e-15 of System.Math over
    /// the range geo code uses. No method allocates.
    /// </summary>
    public static class GeoMath
    {
        public const double Pi = 3.14159265358979323846;
        public const double HalfPi = 1.57079632679489661923;
        public const double QuarterPi = 0.78539816339744830962;
        public const double DegreesPerRadian = 57.295779513082320877;
        public const double RadiansPerDegree = 0.017453292519943295769;

        private const double TwoOverPi = 0.63661977236758134308;

        // pi/2 split into three parts (fdlibm pio2_1, pio2_2, pio2_3 and the tail of the third).
        // The first two have 33 significant bits, so k * part is exact for |k| < 2^20: reduction of
        // |x| up to ~1.6e6 rad loses nothing; beyond that accuracy degrades gradually.
        private const double PiOver2Part1 = 1.57079632673412561417e+00;
        private const double PiOver2Part2 = 6.07710050630396597660e-11;
        private const double PiOver2Part3 = 2.02226624871116645580e-21;
        private const double PiOver2Part3Tail = 8.47842766036889956997e-32;

        // Above 2^53 adjacent doubles are 2 rad or more apart, so the quadrant (and the phase) is
        // meaningless; Sin and Cos return NaN there instead of a confident wrong number.
        private const double TrigInputMaxRad = 9007199254740992.0;

        private const double SmallestNormal = 2.2250738585072014e-308;

        /// <summary>Square root; exact for 0, NaN for negative input or NaN.</summary>
        public static double Sqrt(double x)
        {
            if (double.IsNaN(x) || x < 0.0)
            {
                return double.NaN;
            }

            // Returns +0 and -0 unchanged, as System.Math does.
            if (x == 0.0 || double.IsPositiveInfinity(x))
            {
                return x;
            }

            // Subnormals have no usable exponent for the starting guess: scale by 2^108, root by 2^54.
            if (x < SmallestNormal)
            {
                return Sqrt(x * 3.2451855365842673e32) * 5.5511151231257827e-17;
            }

            // Halving the biased exponent gives a start within ~6 %; Newton doubles the correct
            // digits each step, so five steps reach full precision.
            double y = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(x) >> 1) + 0x1FF8000000000000L);
            y = 0.5 * (y + (x / y));
            y = 0.5 * (y + (x / y));
            y = 0.5 * (y + (x / y));
            y = 0.5 * (y + (x / y));
            y = 0.5 * (y + (x / y));
            return y;
        }

        /// <summary>Sine of an angle in radians. Full accuracy for |x| up to ~1.6e6; NaN beyond 2^53.</summary>
        public static double Sin(double x)
        {
            double ax = x < 0.0 ? -x : x;
            if (ax <= QuarterPi)
            {
                return KernelSin(x);
            }

            // Also catches NaN (the comparison above fails for it) and infinities.
            if (!(ax < TrigInputMaxRad))
            {
                return double.NaN;
            }

            long quadrant = NearestQuadrant(x);
            double r = ReduceByQuadrant(x, quadrant);
            switch ((int)(quadrant & 3))
            {
                case 0: return KernelSin(r);
                case 1: return KernelCos(r);
                case 2: return -KernelSin(r);
                default: return -KernelCos(r);
            }
        }

        /// <summary>Cosine of an angle in radians. Full accuracy for |x| up to ~1.6e6; NaN beyond 2^53.</summary>
        public static double Cos(double x)
        {
            double ax = x < 0.0 ? -x : x;
            if (ax <= QuarterPi)
            {
                return KernelCos(x);
            }

            if (!(ax < TrigInputMaxRad))
            {
                return double.NaN;
            }

            long quadrant = NearestQuadrant(x);
            double r = ReduceByQuadrant(x, quadrant);
            switch ((int)(quadrant & 3))
            {
                case 0: return KernelCos(r);
                case 1: return -KernelSin(r);
                case 2: return -KernelCos(r);
                default: return KernelSin(r);
            }
        }

        /// <summary>Arc tangent in radians, in [-pi/2, pi/2].</summary>
        public static double Atan(double x)
        {
            if (double.IsNaN(x))
            {
                return x;
            }

            bool negative = x < 0.0;
            double ax = negative ? -x : x;

            // fdlibm's reduction: atan(ax) = atan(c) + atan((ax - c) / (1 + ax * c)) for a breakpoint
            // c in {0, 0.5, 1, 1.5, inf}, which leaves |argument| <= 7/16 for the polynomial.
            double hi;
            double lo;
            if (ax >= 7.3786976294838206e19)
            {
                // 2^66: atan is pi/2 to within half an ulp.
                return negative ? -HalfPi : HalfPi;
            }

            if (ax < 0.4375)
            {
                if (ax < 7.450580596923828e-9)
                {
                    // 2^-27: atan(x) = x to full precision.
                    return x;
                }

                return x - (x * AtanPolynomial(x));
            }

            if (ax < 0.6875)
            {
                hi = 4.63647609000806093515e-01;
                lo = 2.26987774529616870924e-17;
                ax = ((2.0 * ax) - 1.0) / (2.0 + ax);
            }
            else if (ax < 1.1875)
            {
                hi = 7.85398163397448278999e-01;
                lo = 3.06161699786838301793e-17;
                ax = (ax - 1.0) / (ax + 1.0);
            }
            else if (ax < 2.4375)
            {
                hi = 9.82793723247329054082e-01;
                lo = 1.39033110312309984516e-17;
                ax = (ax - 1.5) / (1.0 + (1.5 * ax));
            }
            else
            {
                hi = 1.57079632679489655800e+00;
                lo = 6.12323399573676603587e-17;
                ax = -1.0 / ax;
            }

            double result = hi - (((ax * AtanPolynomial(ax)) - lo) - ax);
            return negative ? -result : result;
        }

        /// <summary>
        /// Angle of the point (x, y) in radians, in [-pi, pi]. Atan2(0, 0) is 0. A negative-zero y with
        /// negative x gives +pi (System.Math gives -pi; the same direction). Both arguments infinite
        /// gives NaN; geo code never passes that.
        /// </summary>
        public static double Atan2(double y, double x)
        {
            if (double.IsNaN(x) || double.IsNaN(y))
            {
                return double.NaN;
            }

            if (x == 0.0 && y == 0.0)
            {
                return 0.0;
            }

            double ax = x < 0.0 ? -x : x;
            double ay = y < 0.0 ? -y : y;

            // Keep the ratio's magnitude <= 1 so it cannot overflow and Atan stays in its best range.
            if (ax >= ay)
            {
                double angle = Atan(y / x);
                if (x < 0.0)
                {
                    angle += y >= 0.0 ? Pi : -Pi;
                }

                return angle;
            }

            return (y > 0.0 ? HalfPi : -HalfPi) - Atan(x / y);
        }

        /// <summary>Arc sine in radians; input is clamped to [-1, 1] so rounding just past 1 is harmless.</summary>
        public static double Asin(double x)
        {
            if (double.IsNaN(x))
            {
                return x;
            }

            if (x > 1.0)
            {
                x = 1.0;
            }
            else if (x < -1.0)
            {
                x = -1.0;
            }

            // (1 - x)(1 + x) rather than 1 - x*x: 1 - x is exact near |x| = 1, where the root matters most.
            return Atan2(x, Sqrt((1.0 - x) * (1.0 + x)));
        }

        private static long NearestQuadrant(double x)
        {
            // Round half away from zero; the caller has bounded |x| so the cast cannot overflow.
            return (long)((x * TwoOverPi) + (x < 0.0 ? -0.5 : 0.5));
        }

        private static double ReduceByQuadrant(double x, long quadrant)
        {
            double k = quadrant;
            double r = x - (k * PiOver2Part1);
            r -= k * PiOver2Part2;
            r -= k * PiOver2Part3;
            return r - (k * PiOver2Part3Tail);
        }

        // sin on [-pi/4, pi/4]: x + x^3 * P(x^2), fdlibm __kernel_sin coefficients.
        private static double KernelSin(double x)
        {
            double z = x * x;
            double p = -1.66666666666666324348e-01
                + (z * (8.33333333332248946124e-03
                + (z * (-1.98412698298579493134e-04
                + (z * (2.75573137070700676789e-06
                + (z * (-2.50507602534068634195e-08
                + (z * 1.58969099521155010221e-10)))))))));
            return x + (x * z * p);
        }

        // cos on [-pi/4, pi/4]: 1 - z/2 + z^2 * Q(z), fdlibm __kernel_cos coefficients. The
        // 1 - z/2 part is formed as w plus its rounding error so the result keeps full precision.
        private static double KernelCos(double x)
        {
            double z = x * x;
            double q = 4.16666666666666019037e-02
                + (z * (-1.38888888888741095749e-03
                + (z * (2.48015872894767294178e-05
                + (z * (-2.75573143513906633035e-07
                + (z * (2.08757232129817482790e-09
                + (z * -1.13596475577881948265e-11)))))))));
            double halfZ = 0.5 * z;
            double w = 1.0 - halfZ;
            return w + (((1.0 - w) - halfZ) + (z * z * q));
        }

        // atan(x)/x - 1 = -x^2 * (...) on |x| <= 7/16; fdlibm's odd/even split of the 11 coefficients.
        private static double AtanPolynomial(double x)
        {
            double z = x * x;
            double w = z * z;
            double odd = z * (3.33333333333329318027e-01
                + (w * (1.42857142725034663711e-01
                + (w * (9.09088713343650656196e-02
                + (w * (6.66107313738753120669e-02
                + (w * (4.97687799461593236017e-02
                + (w * 1.62858201153657823623e-02))))))))));
            double even = w * (-1.99999999998764832476e-01
                + (w * (-1.11111104054623557880e-01
                + (w * (-7.69187620504482999495e-02
                + (w * (-5.83357013379057348645e-02
                + (w * -3.65315727442169155270e-02))))))));
            return odd + even;
        }
    }
}
