using System;

namespace Peat.Edge.Sim.Links
{
    /// <summary>Builds the link model for a profile.</summary>
    public static class LinkModels
    {
        /// <summary>The model for <paramref name="parameters"/>' kind.</summary>
        public static ILinkModel Create(LinkParameters parameters)
        {
            ArgumentNullException.ThrowIfNull(parameters);
            return parameters.Kind == LinkKind.Lora ? new LoraLink(parameters) : new WifiLink(parameters);
        }
    }
}
