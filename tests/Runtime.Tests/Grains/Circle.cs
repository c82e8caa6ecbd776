namespace Cluster.Runtime.Tests.Grains;

public sealed class Circle : Shape
{
    public double Radius { get; set; }
}
