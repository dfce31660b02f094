using System.Net;
using System.Net.Http.Json;
using System.Text;
using InboxApp.Core.Identity;
using InboxApp.Tests.Infrastructure;
using InboxApp.Tests.Users;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace InboxApp.Tests.Auth;

/// <summary>
/// Sign-in reveals neither which addresses have accounts (an unknown address costs the same password hashing as a known
/// one) nor lets anyone lock an owner out (failures lock out the failing client, not the account).
/// </summary>
public sealed class SignInEnumerationTests(SignInEnumerationTests.CountingHasherFactory factory) : IClassFixture<SignInEnumerationTests.CountingHasherFactory>
{
    /// <summary>The app with a password hasher that counts verifications (test hosts hash with one iteration, so timing proves nothing).</summary>
    public sealed class CountingHasherFactory : InboxAppFactory
    {
        public CountingHasherFactory() => WithoutJobs();

        public CountingPasswordHasher Hasher { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<User>>(Hasher));
        }
    }

    public sealed class CountingPasswordHasher : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> inner = new(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = InboxAppFactory.TestPasswordHashIterations }));
        private int verifications;

        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(User user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Signing_in_with_an_unknown_email_verifies_a_password_hash_as_a_known_one_does()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var client = factory.CreateClient();

        var before = factory.Hasher.Verifications;
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = $"ghost-{Guid.NewGuid():N}@nowhere.test", password = "Whatever-pass-1" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var forUnknown = factory.Hasher.Verifications - before;

        before = factory.Hasher.Verifications;
        await (await client.PostAsJsonAsync("/api/v1/auth/login", new { email = admin.Email, password = "Whatever-pass-1" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");
        var forKnown = factory.Hasher.Verifications - before;

        Assert.Equal(1, forKnown);
        Assert.Equal(forKnown, forUnknown);
    }

    [Fact]
    public async Task Signing_in_as_a_user_without_a_password_verifies_a_hash_too()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var email = $"invited-{Guid.NewGuid():N}@org.test";
        await factory.LegacyInvitedUserAsync(admin, "AGENT", email, "Invited");

        var before = factory.Hasher.Verifications;
        await (await factory.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { email, password = "Whatever-pass-1" }))
            .ShouldFail(HttpStatusCode.Unauthorized, "INVALID_CREDENTIALS");

        Assert.Equal(1, factory.Hasher.Verifications - before);
    }

    [Fact]
    public async Task Failed_attempts_lock_out_the_failing_client_but_not_the_owner_elsewhere()
    {
        var admin = await factory.RegisterOrganizationAsync();
        const string attacker = "203.0.113.7";
        const string owner = "198.51.100.20";

        for (var i = 0; i < new AuthOptions().MaxFailedAttempts; i++)
        {
            var failed = await LoginFromAsync(attacker, admin.Email, "Wrong-pass-1");
            Assert.True(failed.Status == 401, failed.Body);
        }

        // The attacker's address is locked out of the account, even with the right password...
        var locked = await LoginFromAsync(attacker, admin.Email, admin.Password);
        Assert.Equal(403, locked.Status);
        Assert.Contains("ACCOUNT_LOCKED", locked.Body);
        // ...while the owner, from their own address, signs in.
        var signedIn = await LoginFromAsync(owner, admin.Email, admin.Password);
        Assert.Equal(200, signedIn.Status);
        Assert.Contains("accessToken", signedIn.Body);
    }

    private sealed class HasBody : IHttpRequestBodyDetectionFeature
    {
        public bool CanHaveBody => true;
    }

    /// <summary>Posts the login from a client address of the test's choosing (the test server's requests have none).</summary>
    private async Task<(int Status, string Body)> LoginFromAsync(string address, string email, string password)
    {
        var body = Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { email, password }));
        var context = await factory.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Post;
            http.Request.Path = "/api/v1/auth/login";
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = body.Length;
            http.Request.Body = new MemoryStream(body);
            http.Features.Set<IHttpRequestBodyDetectionFeature>(new HasBody());
            http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync());
    }
}
