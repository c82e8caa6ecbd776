using System.Text.Json;
using System.Text.Json.Serialization;
using Cluster.Runtime.CodeGeneration;
using Cluster.Runtime.Core;

namespace Cluster.Runtime.Messaging.Wire;

/// <summary>
/// Grain and observer references in arguments and results travel as their grain id (<c>"type/key"</c>) and
/// become references of the receiving process, so a silo can call back an observer created in a client.
/// </summary>
internal sealed class GrainReferenceJsonConverterFactory(Func<Type, GrainId, GrainReference> createReference) : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsInterface && typeof(IAddressable).IsAssignableFrom(typeToConvert);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(Converter<>).MakeGenericType(typeToConvert), createReference)!;

    private sealed class Converter<TInterface>(Func<Type, GrainId, GrainReference> createReference) : JsonConverter<TInterface>
        where TInterface : class, IAddressable
    {
        public override TInterface? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null)
            {
                return null;
            }

            var text = reader.GetString() ?? throw new JsonException($"A {typeof(TInterface).Name} reference must be a \"type/key\" string.");
            GrainId grainId;
            try
            {
                grainId = GrainId.Parse(text);
            }
            catch (FormatException exception)
            {
                throw new JsonException(exception.Message, exception);
            }

            return (TInterface)(object)createReference(typeof(TInterface), grainId);
        }

        public override void Write(Utf8JsonWriter writer, TInterface value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.GetGrainId().ToString());
    }
}
