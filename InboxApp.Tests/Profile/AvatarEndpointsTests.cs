using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using InboxApp.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace InboxApp.Tests.Profile;

[Collection(SharedApp.Name)]
public sealed partial class AvatarEndpointsTests(NoJobsAppFactory factory)
{
    private string AvatarDirectory => Path.Combine(factory.DataDirectory, "media", "avatars");

    public static Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] bytes, string fileName = "me.png", string contentType = "image/png", string field = "avatar")
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, field, fileName);
        return client.PostAsync("/api/v1/profile/avatar", form);
    }

    [Fact]
    public async Task Uploaded_png_is_stored_and_served_back_byte_for_byte()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var png = TestImages.Png(2, 2);
        var response = await UploadAsync(admin.Client, png);
        await response.ShouldBe(HttpStatusCode.OK);
        var url = (await response.Data()).GetProperty("avatarUrl").GetString()!;
        Assert.Matches(AvatarUrl(admin.UserId, "png"), url);

        var file = Path.Combine(AvatarDirectory, url["/media/avatars/".Length..]);
        Assert.Equal(png, await File.ReadAllBytesAsync(file));
        await using (var db = factory.SystemDb())
        {
            Assert.Equal("avatars/" + Path.GetFileName(file), (await db.Users.SingleAsync(u => u.Id == admin.UserId)).AvatarPath);
        }

        var served = await factory.CreateClient().WithBearer(admin.AccessToken).GetAsync(url);
        await served.ShouldBe(HttpStatusCode.OK);
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal(url, (await (await admin.Client.GetAsync("/api/v1/profile")).Data()).GetProperty("avatarUrl").GetString());
    }

    [Fact]
    public async Task Members_of_other_organizations_can_see_an_avatar_but_not_without_signing_in()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var other = await factory.RegisterOrganizationAsync();
        var url = (await (await UploadAsync(admin.Client, TestImages.Png())).Data()).GetProperty("avatarUrl").GetString()!;
        await (await other.Client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);

        var anonymous = await factory.CreateClient(new() { AllowAutoRedirect = false }).GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Empty(await anonymous.Content.ReadAsByteArrayAsync());
        var forged = await factory.CreateClient(new() { AllowAutoRedirect = false }).WithBearer("at.forged").GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    public static TheoryData<string, string, string> OtherFormats => new()
    {
        { "jpeg", "jpg", "image/jpeg" },
        { "gif", "gif", "image/gif" },
        { "webp", "webp", "image/webp" },
    };

    [Theory]
    [MemberData(nameof(OtherFormats))]
    public async Task Jpeg_gif_and_webp_are_recognized_by_their_bytes_whatever_name_and_type_are_sent(string format, string extension, string contentType)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var bytes = format switch { "jpeg" => TestImages.Jpeg(), "gif" => TestImages.Gif(), _ => TestImages.WebP() };
        // Declared as a text file: the stored type comes from the content alone.
        var response = await UploadAsync(admin.Client, bytes, "notes.txt", "text/plain");
        await response.ShouldBe(HttpStatusCode.OK);
        var url = (await response.Data()).GetProperty("avatarUrl").GetString()!;
        Assert.Matches(AvatarUrl(admin.UserId, extension), url);
        var served = await admin.Client.GetAsync(url);
        Assert.Equal(contentType, served.Content.Headers.ContentType?.MediaType);
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("hello, I am not an image at all")]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")]
    [InlineData("PNG but not really")]
    public async Task A_file_that_is_not_an_image_is_rejected_even_when_named_and_typed_as_png(string text)
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await UploadAsync(admin.Client, Encoding.UTF8.GetBytes(text), "photo.png", "image/png"))
            .ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        Assert.Contains("PNG, JPEG, WebP or GIF", error.GetProperty("details").GetProperty("avatar")[0].GetString());
        await AssertNoAvatarAsync(admin);
    }

    [Fact]
    public async Task An_image_one_byte_over_the_limit_is_413_and_nothing_is_kept()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var error = await (await UploadAsync(admin.Client, TestImages.PngOfSize(2 * 1024 * 1024 + 1))).ShouldFail(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Contains("2 MB", error.GetProperty("details").GetProperty("avatar")[0].GetString());
        await AssertNoAvatarAsync(admin);
    }

    [Fact]
    public async Task A_body_far_over_the_limit_is_413_before_it_is_read()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await UploadAsync(admin.Client, TestImages.PngOfSize(5 * 1024 * 1024))).ShouldFail(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertNoAvatarAsync(admin);
    }

    [Fact]
    public async Task An_image_of_exactly_the_limit_is_accepted_although_it_is_larger_than_the_json_body_limit()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var png = TestImages.PngOfSize(2 * 1024 * 1024);
        var response = await UploadAsync(admin.Client, png);
        await response.ShouldBe(HttpStatusCode.OK);
        var served = await admin.Client.GetAsync((await response.Data()).GetProperty("avatarUrl").GetString());
        Assert.Equal(png, await served.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Upload_without_a_file_an_empty_file_or_a_wrong_form_is_400_never_500()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var wrongField = await UploadAsync(admin.Client, TestImages.Png(), field: "picture");
        Assert.Contains("avatar", (await wrongField.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR")).GetProperty("details").GetProperty("avatar")[0].GetString());
        var empty = await UploadAsync(admin.Client, []);
        Assert.Equal("The file is empty", (await empty.ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR")).GetProperty("details").GetProperty("avatar")[0].GetString());
        await (await admin.Client.PostRawJsonAsync("/api/v1/profile/avatar", "{\"avatar\":\"aGVsbG8=\"}")).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await (await admin.Client.PostAsync("/api/v1/profile/avatar", null)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        var broken = new StringContent("--xyz\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"a.png\"\r\n\r\nabc", Encoding.UTF8);
        broken.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xyz");
        await (await admin.Client.PostAsync("/api/v1/profile/avatar", broken)).ShouldFail(HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNoAvatarAsync(admin);
    }

    [Fact]
    public async Task A_new_avatar_replaces_the_previous_file()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var first = (await (await UploadAsync(admin.Client, TestImages.Png(red: 1))).Data()).GetProperty("avatarUrl").GetString()!;
        var second = (await (await UploadAsync(admin.Client, TestImages.Png(red: 2))).Data()).GetProperty("avatarUrl").GetString()!;
        Assert.NotEqual(first, second);
        Assert.False(File.Exists(Path.Combine(AvatarDirectory, Path.GetFileName(first))));
        Assert.True(File.Exists(Path.Combine(AvatarDirectory, Path.GetFileName(second))));
        await (await admin.Client.GetAsync(first)).ShouldBe(HttpStatusCode.NotFound);
        Assert.Single(Directory.GetFiles(AvatarDirectory, $"{admin.UserId:N}-*"));
    }

    [Fact]
    public async Task Deleting_the_avatar_removes_the_file_and_clears_it_and_repeating_it_is_harmless()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var url = (await (await UploadAsync(admin.Client, TestImages.Png())).Data()).GetProperty("avatarUrl").GetString()!;
        var response = await admin.Client.DeleteAsync("/api/v1/profile/avatar");
        await response.ShouldBe(HttpStatusCode.OK);
        Assert.False((await response.Data()).TryGetProperty("avatarUrl", out _));
        await (await admin.Client.GetAsync(url)).ShouldBe(HttpStatusCode.NotFound);
        await AssertNoAvatarAsync(admin);
        await (await admin.Client.DeleteAsync("/api/v1/profile/avatar")).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Media_paths_that_leave_the_avatar_folder_or_break_the_name_pattern_are_404()
    {
        var admin = await factory.RegisterOrganizationAsync();
        var url = (await (await UploadAsync(admin.Client, TestImages.Png())).Data()).GetProperty("avatarUrl").GetString()!;
        var name = Path.GetFileName(url);
        // Files that exist but must never be served: outside the folder, or inside with a foreign name.
        var lookalike = $"{Guid.NewGuid():N}-AAAAAAAAAAAAAAAA.png";
        await File.WriteAllTextAsync(Path.Combine(factory.DataDirectory, "media", lookalike), "secret");
        await File.WriteAllTextAsync(Path.Combine(factory.DataDirectory, "secret.png"), "secret");
        await File.WriteAllTextAsync(Path.Combine(AvatarDirectory, "notes.txt"), "secret");

        string[] paths =
        [
            $"/media/avatars/..%2F{lookalike}",
            $"/media/avatars/%2e%2e%2f{lookalike}",
            $"/media/avatars/..%5C{lookalike}",
            $"/media/avatars/%2e%2e/{lookalike}",
            $"/media/avatars/{lookalike}",
            "/media/avatars/..%2F..%2Fsecret.png",
            "/media/avatars/%2e%2e%2f%2e%2e%2fsecret.png",
            "/media/avatars/notes.txt",
            $"/media/avatars/{name.ToUpperInvariant()}",
            $"/media/avatars/{name}.txt",
            $"/media/avatars/x{name}",
            "/media/avatars/%2Fetc%2Fpasswd",
            $"/media/avatars/{Guid.NewGuid():N}-AAAAAAAAAAAAAAAA.png",
        ];
        foreach (var path in paths)
        {
            var response = await admin.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
            Assert.DoesNotContain("secret", await response.Content.ReadAsStringAsync());
        }
        await (await admin.Client.GetAsync(url)).ShouldBe(HttpStatusCode.OK);
    }

    private async Task AssertNoAvatarAsync(SignedIn user)
    {
        Assert.False((await (await user.Client.GetAsync("/api/v1/profile")).Data()).TryGetProperty("avatarUrl", out _));
        Assert.Empty(Directory.Exists(AvatarDirectory) ? Directory.GetFiles(AvatarDirectory, $"{user.UserId:N}-*") : []);
    }

    private static Regex AvatarUrl(Guid userId, string extension) => new($"^/media/avatars/{userId:N}-[A-Za-z0-9_-]{{16}}\\.{extension}$");
}

public sealed class AvatarLimitTests : IClassFixture<AvatarLimitTests.SmallAvatarFactory>
{
    public sealed class SmallAvatarFactory : InboxAppFactory
    {
        public SmallAvatarFactory() => WithoutJobs().With("Storage:MaxAvatarBytes", "4096");
    }

    private readonly SmallAvatarFactory factory;

    public AvatarLimitTests(SmallAvatarFactory factory) => this.factory = factory;

    [Fact]
    public async Task The_avatar_limit_comes_from_configuration()
    {
        var admin = await factory.RegisterOrganizationAsync();
        await (await AvatarEndpointsTests.UploadAsync(admin.Client, TestImages.PngOfSize(4096))).ShouldBe(HttpStatusCode.OK);
        var error = await (await AvatarEndpointsTests.UploadAsync(admin.Client, TestImages.PngOfSize(4097))).ShouldFail(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Contains("4 KB", error.GetProperty("message").GetString());
        // Far over the configured limit (plus multipart framing): refused from the declared length alone.
        await (await AvatarEndpointsTests.UploadAsync(admin.Client, TestImages.PngOfSize(200 * 1024))).ShouldFail(HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }
}
