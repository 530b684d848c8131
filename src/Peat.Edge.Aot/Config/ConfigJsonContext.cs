using System.Text.Json;
using System.Text.Json.Serialization;

namespace Peat.Edge.Aot.Config
{
    /// <summary>
    /// Source-generated (trim- and AOT-safe) reader of the configuration file. Unknown keys are errors
    /// (a misspelt key silently ignored is a field device misconfigured for months); comments and trailing
    /// commas are allowed so example files can explain themselves.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16)]
    [JsonSerializable(typeof(GatewayConfig))]
    internal sealed partial class ConfigJsonContext : JsonSerializerContext
    {
    }
}
