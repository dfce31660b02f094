using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.Storage;

/// <summary>
/// Files a simulated sandbox customer sends: <c>sandbox-media/{organizationId:N}/sandbox-media-{token}</c>, kept where Meta
/// would keep inbound media until the downloader takes them, then deleted. The media id is the file name, made here; only ids
/// of exactly that shape are ever opened, and only in the organization's own folder.
/// </summary>
public sealed partial class MediaStore
{
    public const string SandboxFolder = "sandbox-media";

    /// <summary>Writes the file and returns its media id (as Meta's media ids, unique and opaque).</summary>
    public async Task<string> SaveSandboxMediaAsync(Guid organizationId, ReadOnlyMemory<byte> content, CancellationToken ct)
    {
        var mediaId = "sandbox-media-" + Secrets.NewToken(16);
        var full = SandboxPath(organizationId, mediaId);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        try
        {
            await using var output = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
            await output.WriteAsync(content, ct);
            await output.FlushAsync(ct);
            return mediaId;
        }
        catch
        {
            TryDelete(full);
            throw;
        }
    }

    /// <summary>The bytes of a sandbox media id of the organization; null for another shape, another organization, or a file that is gone.</summary>
    public async Task<byte[]?> ReadSandboxMediaAsync(Guid organizationId, string? mediaId, CancellationToken ct)
    {
        if (mediaId is null || !SandboxMediaId().IsMatch(mediaId)) return null;
        try
        {
            return await File.ReadAllBytesAsync(SandboxPath(organizationId, mediaId), ct);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public void DeleteSandboxMedia(Guid organizationId, string? mediaId)
    {
        if (mediaId is not null && SandboxMediaId().IsMatch(mediaId)) TryDelete(SandboxPath(organizationId, mediaId));
    }

    /// <summary>Deletes every spooled file of the organization (the sandbox's cleanup: files no message will fetch any more).</summary>
    public void DeleteSandboxMediaOf(Guid organizationId)
    {
        try
        {
            Directory.Delete(Path.Combine(paths.MediaDirectory, SandboxFolder, organizationId.ToString("N")), recursive: true);
        }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            // Nothing spooled, or a file in use: only unused space is left behind.
        }
    }

    private string SandboxPath(Guid organizationId, string mediaId) =>
        Path.Combine(paths.MediaDirectory, SandboxFolder, organizationId.ToString("N"), mediaId);

    [GeneratedRegex(@"^sandbox-media-[A-Za-z0-9_-]{16,32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SandboxMediaId();
}
