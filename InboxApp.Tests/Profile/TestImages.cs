using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace InboxApp.Tests.Profile;

/// <summary>Small real images built in memory, plus look-alikes that only carry an image's leading bytes.</summary>
public static class TestImages
{
    /// <summary>A valid RGBA PNG of one colour (signature, IHDR, zlib-compressed IDAT, IEND, each chunk with its CRC).</summary>
    public static byte[] Png(int width = 1, int height = 1, byte red = 0x2A, byte green = 0x62, byte blue = 0xFF)
    {
        var raw = new MemoryStream();
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            for (var x = 0; x < width; x++) raw.Write([red, green, blue, 0xFF]);
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw.ToArray());

        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 6; // colour type RGBA
        var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", ihdr);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A PNG padded with a trailing private chunk up to exactly <paramref name="totalBytes"/>.</summary>
    public static byte[] PngOfSize(int totalBytes)
    {
        var png = Png();
        var padding = totalBytes - png.Length - 12;
        if (padding < 0) throw new ArgumentOutOfRangeException(nameof(totalBytes));
        var result = new MemoryStream();
        result.Write(png.AsSpan(0, png.Length - 12)); // everything before IEND
        WriteChunk(result, "tEXt", Encoding.ASCII.GetBytes("pad\0").Concat(Enumerable.Repeat((byte)'x', padding - 4)).ToArray());
        WriteChunk(result, "IEND", []);
        return result.ToArray();
    }

    public static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF\0"u8, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Gif() => [.. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B];

    public static byte[] WebP()
    {
        byte[] body = [.. "WEBP"u8, .. "VP8L"u8, 0x0A, 0x00, 0x00, 0x00, 0x2F, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, 0x88, 0x88, 0xFE, 0x07, 0x00];
        var riff = new byte[8 + body.Length];
        "RIFF"u8.CopyTo(riff);
        BinaryPrimitives.WriteInt32LittleEndian(riff.AsSpan(4), body.Length);
        body.CopyTo(riff, 8);
        return riff;
    }

    private static void WriteChunk(Stream output, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        output.Write(length);
        var typeAndData = Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        output.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typeAndData));
        output.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
