using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace InboxApp.Core.OutgoingWebhooks;

/// <summary>Resolves a host name to addresses (a seam so tests can make a name resolve anywhere).</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

public sealed class DnsWebhookHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>Why a target was refused (the message is safe to show the caller).</summary>
public sealed class WebhookTargetRefusedException(string message) : Exception(message);

/// <summary>
/// The SSRF guard of partner webhooks. A target must be an absolute <c>https</c> URL without credentials whose host resolves
/// only to public unicast addresses: never loopback, private (RFC 1918, unique local), link-local (which holds the cloud
/// metadata address 169.254.169.254), CGNAT (100.64/10), multicast, unspecified, reserved or documentation ranges, for
/// IPv4 and IPv6 alike (IPv4-mapped, IPv4-compatible, NAT64 and 6to4 addresses are judged by the IPv4 address inside).
/// The check runs when a URL is saved and again inside the connection (<see cref="OutgoingWebhookSender"/> connects to
/// the address checked here, so a DNS answer that changes between check and connect cannot redirect it).
/// <c>OutgoingWebhooks:AllowPrivateTargets</c> turns the address rules and the https rule off (development, tests).
/// </summary>
public sealed class WebhookTargetGuard(IWebhookHostResolver resolver, IOptions<OutgoingWebhookOptions> options)
{
    private bool AllowPrivate => options.Value.AllowPrivateTargets;

    /// <summary>The URL parsed, or a refusal for its form (scheme, credentials, fragment); no resolution.</summary>
    public Uri CheckForm(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
            throw new WebhookTargetRefusedException("The URL must be an absolute https URL");
        if (uri.Scheme != Uri.UriSchemeHttps && !(AllowPrivate && uri.Scheme == Uri.UriSchemeHttp))
            throw new WebhookTargetRefusedException("The URL must use https");
        if (!string.IsNullOrEmpty(uri.UserInfo)) throw new WebhookTargetRefusedException("The URL must not carry credentials");
        if (!string.IsNullOrEmpty(uri.Fragment)) throw new WebhookTargetRefusedException("The URL must not have a fragment");
        return uri;
    }

    /// <summary>The URL's checked addresses (at least one), or a refusal.</summary>
    public async Task<(Uri Uri, IPAddress[] Addresses)> CheckAsync(string url, CancellationToken ct)
    {
        var uri = CheckForm(url);
        return (uri, await AddressesAsync(uri.IdnHost, ct));
    }

    /// <summary>The host's addresses after resolution, all of them allowed, or a refusal.</summary>
    public async Task<IPAddress[]> AddressesAsync(string host, CancellationToken ct)
    {
        host = host.Trim('[', ']');
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal)) addresses = [literal];
        else
        {
            try
            {
                addresses = await resolver.ResolveAsync(host, ct);
            }
            catch (SocketException)
            {
                throw new WebhookTargetRefusedException($"The host {host} does not resolve");
            }
            catch (ArgumentException)
            {
                throw new WebhookTargetRefusedException($"The host {host} is not a valid name");
            }
        }
        if (addresses.Length == 0) throw new WebhookTargetRefusedException($"The host {host} does not resolve");
        if (!AllowPrivate && addresses.FirstOrDefault(a => !IsPublic(a)) is { } refused)
            throw new WebhookTargetRefusedException($"The host {host} resolves to {refused}, which is not a public address");
        return addresses;
    }

    /// <summary>
    /// An HTTP handler for partner-supplied URLs (webhook targets, media links): no redirects, no proxy, no cookies, and a
    /// connect callback that resolves and checks the host itself and connects the socket to the address it approved.
    /// </summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectTimeout = TimeSpan.FromSeconds(10),
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var addresses = await AddressesAsync(context.DnsEndPoint.Host, ct);
        Exception? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, context.DnsEndPoint.Port, ct);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (Exception e) when (e is SocketException or OperationCanceledException)
            {
                socket.Dispose();
                last = e;
                if (e is OperationCanceledException) throw;
            }
        }
        throw last ?? new SocketException((int)SocketError.HostNotFound);
    }

    /// <summary>Whether an address is a public unicast address that a webhook may be sent to.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsPublicV4(address.GetAddressBytes());
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return false;
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6) return IsPublicV4(b[12..]);
        // ::/96 (unspecified, loopback, IPv4-compatible): never public.
        if (b[..12].All(x => x == 0)) return false;
        // NAT64 64:ff9b::/96 carries an IPv4 address in its last four bytes.
        if (b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xff && b[3] == 0x9b && b[4..12].All(x => x == 0)) return IsPublicV4(b[12..]);
        // 6to4 2002::/16 carries one in bytes 2 to 5.
        if (b[0] == 0x20 && b[1] == 0x02) return IsPublicV4(b[2..6]);
        if (b[0] == 0xff) return false;                                   // multicast ff00::/8
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;          // link-local fe80::/10
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return false;          // site-local fec0::/10 (deprecated)
        if ((b[0] & 0xfe) == 0xfc) return false;                          // unique local fc00::/7 (holds fd00:ec2::254)
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false; // documentation 2001:db8::/32
        if (b[0] == 0x01 && b[1] == 0x00 && b[2..8].All(x => x == 0)) return false;    // discard 100::/64
        if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x00 && b[3] == 0x00) return false; // Teredo 2001::/32 (tunnels to anything)
        return (b[0] & 0xe0) == 0x20;                                     // global unicast 2000::/3 only
    }

    private static bool IsPublicV4(byte[] b) => !(
        b[0] == 0                                       // 0.0.0.0/8 "this network", unspecified
        || b[0] == 10                                   // 10/8 private
        || (b[0] == 100 && (b[1] & 0xc0) == 64)         // 100.64/10 CGNAT
        || b[0] == 127                                  // loopback
        || (b[0] == 169 && b[1] == 254)                 // link-local, cloud metadata
        || (b[0] == 172 && (b[1] & 0xf0) == 16)         // 172.16/12 private
        || (b[0] == 192 && b[1] == 0 && b[2] == 0)      // 192.0.0/24 protocol assignments
        || (b[0] == 192 && b[1] == 0 && b[2] == 2)      // documentation
        || (b[0] == 192 && b[1] == 168)                 // 192.168/16 private
        || (b[0] == 198 && (b[1] & 0xfe) == 18)         // 198.18/15 benchmarking
        || (b[0] == 198 && b[1] == 51 && b[2] == 100)   // documentation
        || (b[0] == 203 && b[1] == 0 && b[2] == 113)    // documentation
        || b[0] >= 224);                                // multicast 224/4, reserved 240/4, broadcast
}
