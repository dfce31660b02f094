namespace InboxApp.Core.Storage;

/// <summary>An image format we accept for uploads, recognized by its leading bytes, never by a name or a declared type.</summary>
public sealed record ImageType(string Extension, string ContentType)
{
    public static readonly ImageType Png = new("png", "image/png");
    public static readonly ImageType Jpeg = new("jpg", "image/jpeg");
    public static readonly ImageType WebP = new("webp", "image/webp");
    public static readonly ImageType Gif = new("gif", "image/gif");

    /// <summary>How many leading bytes <see cref="Detect"/> needs.</summary>
    public const int HeaderLength = 12;

    public static IReadOnlyList<ImageType> All { get; } = [Png, Jpeg, WebP, Gif];

    public static ImageType? FromExtension(string extension) =>
        All.FirstOrDefault(t => string.Equals(t.Extension, extension, StringComparison.Ordinal));

    /// <summary>The format whose signature starts <paramref name="header"/>, or null.</summary>
    public static ImageType? Detect(ReadOnlySpan<byte> header)
    {
        if (header.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png;
        if (header.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Jpeg;
        if (header.StartsWith("GIF87a"u8) || header.StartsWith("GIF89a"u8)) return Gif;
        if (header.Length >= 12 && header.StartsWith("RIFF"u8) && header[8..12].SequenceEqual("WEBP"u8)) return WebP;
        return null;
    }
}
