namespace Cluster.Runtime.Client;

/// <summary>FNV-1a over the characters of its inputs, finished with a SplitMix64 mix: the same value in every process.</summary>
internal static class StableHash
{
    private const ulong OffsetBasis = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string first, string second, string third, int fourth)
    {
        var hash = OffsetBasis;
        hash = Add(hash, first);
        hash = Add(hash, second);
        hash = Add(hash, third);
        hash = (hash ^ (uint)fourth) * Prime;
        return Mix(hash);
    }

    private static ulong Add(ulong hash, string text)
    {
        foreach (var character in text)
        {
            hash = (hash ^ character) * Prime;
        }

        // A separator, so ("ab", "c") and ("a", "bc") differ.
        return (hash ^ 0xFFFF) * Prime;
    }

    private static ulong Mix(ulong value)
    {
        value = (value ^ (value >> 30)) * 0xbf58476d1ce4e5b9UL;
        value = (value ^ (value >> 27)) * 0x94d049bb133111ebUL;
        return value ^ (value >> 31);
    }
}
