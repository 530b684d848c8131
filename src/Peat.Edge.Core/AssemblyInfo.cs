using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Peat.Edge.Core.Tests")]
