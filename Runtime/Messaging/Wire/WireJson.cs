using System.Text.Json;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Messaging.Wire;

/// <summary>The JSON options of arguments and results on the wire: web defaults, and references as grain ids.</summary>
internal static class WireJson
{
    public static JsonSerializerOptions Create(Func<Type, GrainId, GrainReference> createReference)
    {
        var options = new JsonSerializerOptions(JsonSerializerOptions.Web);
        options.Converters.Add(new GrainReferenceJsonConverterFactory(createReference));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
