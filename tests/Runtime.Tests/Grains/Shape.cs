namespace Cluster.Runtime.Tests.Grains;

/// <summary>Serializes as its declared (abstract) type but cannot be created when read: a wire decoding failure.</summary>
public abstract class Shape
{
    public string Name { get; set; } = "shape";
}
