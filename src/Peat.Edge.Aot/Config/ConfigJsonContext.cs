using System.Text.Json;
using System.Text.Json.Serialization;

namespace Peat.Edge.Aot.Config
{
    /// <summary>
    /// Source-generated (trim- and AOT-safe) reader of the configuration file. Unknown keys are errors
    /// (a misspelt key silently ignored is a field device misconfigured for months), and so is a key given
    /// twice in one object (the last one would win, and the file would not say what the node does);
    /// comments and trailing commas are allowed so example files can explain themselves.
    /// </summary>
    [JsonSourceGenerationOptions(
        PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
        AllowDuplicateProperties = false)]
    [JsonSerializable(typeof(GatewayConfig))]
    internal sealed partial class ConfigJsonContext : JsonSerializerContext
    {
    }
}
