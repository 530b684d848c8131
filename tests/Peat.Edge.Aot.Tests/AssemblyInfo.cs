using System.Runtime.Versioning;

// peat-edge is a Linux gateway program; its tests use Unix sockets, file modes, ptys and signals.
[assembly: SupportedOSPlatform("linux")]
