using Cluster.ApiHost.Identity;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Tests.Identity;

public sealed class PasswordHasherTests
{
    [Fact]
    public void Verify_RightPassword_MatchesAndWrongOneDoesNot()
    {
        var hasher = NewHasher(PasswordHashingOptions.MinIterations);
        var hash = hasher.Hash("correct horse battery staple ✓");

        Assert.Equal((true, false), hasher.Verify(hash, "correct horse battery staple ✓"));
        Assert.Equal((false, false), hasher.Verify(hash, "correct horse battery staple"));
    }

    [Fact]
    public void Hash_SamePasswordTwice_DiffersBySalt()
    {
        var hasher = NewHasher(PasswordHashingOptions.MinIterations);

        Assert.NotEqual(hasher.Hash("same password"), hasher.Hash("same password"));
    }

    [Fact]
    public void Verify_HashMadeWithFewerIterationsThanConfigured_MatchesAndAsksForARehash()
    {
        var old = NewHasher(PasswordHashingOptions.MinIterations).Hash("an older password");

        var (matches, needsRehash) = NewHasher(PasswordHashingOptions.MinIterations * 2).Verify(old, "an older password");

        Assert.True(matches);
        Assert.True(needsRehash);
        Assert.StartsWith($"pbkdf2-sha256${PasswordHashingOptions.MinIterations}$", old, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain-text-password")]
    [InlineData("bcrypt$10$abc$def")]
    [InlineData("pbkdf2-sha256$-5$c2FsdA==$aGFzaA==")]
    public void Verify_HashInAnotherFormat_ThrowsFormatException(string stored)
    {
        Assert.Throws<FormatException>(() => NewHasher(PasswordHashingOptions.MinIterations).Verify(stored, "x"));
    }

    [Fact]
    public void VerifyDecoy_AnyPassword_IsFalse()
    {
        Assert.False(NewHasher(PasswordHashingOptions.MinIterations).VerifyDecoy("anything"));
    }

    [Theory]
    [InlineData(PasswordHashingOptions.MinIterations - 1)]
    [InlineData(PasswordHashingOptions.MaxIterations + 1)]
    public void Validate_IterationsOutOfRange_FailsNamingTheSetting(int iterations)
    {
        var result = new PasswordHashingOptionsValidator().Validate(Options.DefaultName, new PasswordHashingOptions { Iterations = iterations });

        Assert.Contains("Identity:PasswordHashing:Iterations", result.FailureMessage, StringComparison.Ordinal);
    }

    private static PasswordHasher NewHasher(int iterations) => new(Options.Create(new PasswordHashingOptions { Iterations = iterations }));
}
