using System.Globalization;
using System.Text.RegularExpressions;
using InboxApp.Core.Common;

namespace InboxApp.Core.Storage;

/// <summary>A stored media file opened for reading.</summary>
public sealed record MediaFile(Stream Content, string ContentType) : IAsyncDisposable
{
    public ValueTask DisposeAsync() => Content.DisposeAsync();
}

/// <summary>
/// Files under <see cref="AppPaths.MediaDirectory"/>. Avatars live in <c>avatars/{userId:N}-{random}.{ext}</c>; names are
/// made here and only names of exactly that shape are ever opened, so a request can never reach another path.
/// </summary>
public sealed partial class MediaStore(AppPaths paths)
{
    public const string AvatarFolder = "avatars";

    private string AvatarDirectory => Path.Combine(paths.MediaDirectory, AvatarFolder);

    /// <summary>
    /// Writes <paramref name="head"/> followed by the rest of <paramref name="rest"/> to a new avatar file and returns its
    /// stored path (<c>avatars/{file}</c>). More than <paramref name="maxBytes"/> bytes in all: nothing is kept and
    /// 413 PAYLOAD_TOO_LARGE is thrown.
    /// </summary>
    public async Task<string> SaveAvatarAsync(Guid userId, ImageType type, ReadOnlyMemory<byte> head, Stream rest, long maxBytes, CancellationToken ct)
    {
        Directory.CreateDirectory(AvatarDirectory);
        var file = $"{userId:N}-{Secrets.NewToken(12)}.{type.Extension}";
        var full = Path.Combine(AvatarDirectory, file);
        try
        {
            await using (var output = new FileStream(full, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true))
            {
                long written = head.Length;
                if (written > maxBytes) throw TooLarge(maxBytes);
                await output.WriteAsync(head, ct);
                var buffer = new byte[81920];
                int read;
                while ((read = await rest.ReadAsync(buffer, ct)) > 0)
                {
                    written += read;
                    if (written > maxBytes) throw TooLarge(maxBytes);
                    await output.WriteAsync(buffer.AsMemory(0, read), ct);
                }
            }
            return $"{AvatarFolder}/{file}";
        }
        catch
        {
            TryDelete(full);
            throw;
        }
    }

    /// <summary>Opens an avatar by its file name; null for a name not of the stored shape or a file that is gone.</summary>
    public MediaFile? OpenAvatar(string fileName)
    {
        var match = AvatarName().Match(fileName);
        if (!match.Success || ImageType.FromExtension(match.Groups["ext"].Value) is not { } type) return null;
        try
        {
            var stream = new FileStream(Path.Combine(AvatarDirectory, fileName), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 81920, useAsync: true);
            return new MediaFile(stream, type.ContentType);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Removes a stored avatar (a path as returned by <see cref="SaveAvatarAsync"/>); unknown or odd paths are ignored.</summary>
    public void DeleteAvatar(string? storedPath)
    {
        if (storedPath is null) return;
        var name = Path.GetFileName(storedPath);
        if (storedPath != $"{AvatarFolder}/{name}" || !AvatarName().IsMatch(name)) return;
        TryDelete(Path.Combine(AvatarDirectory, name));
    }

    private static InboxException TooLarge(long maxBytes)
    {
        var message = $"The image is larger than the limit of {Describe(maxBytes)}";
        return new InboxException(413, ErrorCodes.PayloadTooLarge, message, new Dictionary<string, string[]> { ["avatar"] = [message] });
    }

    /// <summary>A byte count for people: <c>2 MB</c>, <c>300 KB</c>, <c>900 bytes</c>.</summary>
    public static string Describe(long bytes) => bytes switch
    {
        >= 1024 * 1024 when bytes % (1024 * 1024) == 0 => $"{bytes / (1024 * 1024)} MB",
        >= 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
        >= 1024 => $"{bytes / 1024} KB",
        _ => $"{bytes} bytes",
    };

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file we cannot delete now is only unused space; the user's record no longer points to it.
        }
    }

    [GeneratedRegex(@"^[0-9a-f]{32}-[A-Za-z0-9_-]{16}\.(?<ext>png|jpg|webp|gif)$", RegexOptions.CultureInvariant)]
    private static partial Regex AvatarName();
}
