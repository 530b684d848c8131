using System.Runtime.CompilerServices;

namespace Peat.Edge.Core.Wire
{
    /// <summary>
    /// <c>MethodImplOptions.AggressiveInlining</c> by value: nanoFramework's mscorlib has the enum but not
    /// that member, and its runtime ignores the hint, while .NET inlines the codec's tiny hot methods.
    /// </summary>
    internal static class Inlining
    {
        public const MethodImplOptions Aggressive = (MethodImplOptions)256;
    }
}
