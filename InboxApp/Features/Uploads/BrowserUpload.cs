using Microsoft.AspNetCore.Components.Forms;

namespace InboxApp.Features.Uploads;

/// <summary>
/// Brings a file chosen in the browser over the circuit into a temporary file (deleted when the stream is closed), reporting
/// the percentage received, so a page can show upload progress before it hands the bytes to a service.
/// </summary>
public static class BrowserUpload
{
    private const int ChunkBytes = 64 * 1024;

    /// <summary>The file's bytes, at position 0. Larger than <paramref name="maxBytes"/>: <see cref="IOException"/> from the browser stream.</summary>
    public static async Task<Stream> BufferAsync(IBrowserFile file, long maxBytes, Func<int, Task> progress, CancellationToken ct = default)
    {
        var temp = new FileStream(Path.Combine(Path.GetTempPath(), "inbox-upload-" + Path.GetRandomFileName()), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, ChunkBytes, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            await using var input = file.OpenReadStream(maxBytes, ct);
            var buffer = new byte[ChunkBytes];
            long received = 0;
            var reported = -1;
            int read;
            while ((read = await input.ReadAsync(buffer, ct)) > 0)
            {
                await temp.WriteAsync(buffer.AsMemory(0, read), ct);
                received += read;
                var percent = file.Size <= 0 ? 100 : (int)Math.Min(100, received * 100 / file.Size);
                if (percent != reported)
                {
                    reported = percent;
                    await progress(percent);
                }
            }
            temp.Position = 0;
            return temp;
        }
        catch
        {
            await temp.DisposeAsync();
            throw;
        }
    }
}
