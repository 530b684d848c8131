using System.Runtime.CompilerServices;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveInlining</c> by value: nanoFramework's mscorlib has the enum but not
    /// that member, and its runtime ignores the hint, while .NET inlines the codec's tiny hot methods.
    /// Also on the small helpers every received frame or every neighbour of an evaluation goes through:
    /// NativeAOT has no profile to tell it which calls are hot, and built for size (as the gateway was then) it
    /// called them (a simulator run took 15% fewer instructions with them inlined; the JIT's profile-guided
    /// tier inlined them already).
    /// </summary>
    internal static class Inlining
    {
        public const MethodImplOptions Aggressive = (MethodImplOptions)256;
    }
}
