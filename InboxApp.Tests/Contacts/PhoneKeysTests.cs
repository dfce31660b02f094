using InboxApp.Core.Contacts;

namespace InboxApp.Tests.Contacts;

public sealed class PhoneKeysTests
{
    [Theory]
    [InlineData("+49 151 1234 5678", "+4915112345678")]
    [InlineData("4915112345678", "+4915112345678")]
    [InlineData("(+1) 415-555-2671", "+14155552671")]
    [InlineData("+55 11 98765-4321", "+5511987654321")]
    [InlineData("5215512345678", "+525512345678")]
    public void A_number_written_in_any_way_is_normalised_to_E164(string written, string e164) =>
        Assert.Equal(e164, PhoneKeys.E164(written));

    [Theory]
    [InlineData("12")]
    [InlineData("not a number")]
    [InlineData("+999 1234567")]
    [InlineData("")]
    public void What_is_not_a_possible_number_has_no_E164_form(string written) => Assert.Null(PhoneKeys.E164(written));

    [Theory]
    [InlineData("+4915112345678", "DE")]
    [InlineData("5511987654321", "BR")]
    [InlineData("+5215512345678", "MX")]
    [InlineData("+5491123456789", "AR")]
    [InlineData("+14155552671", "US")]
    [InlineData("+447400123456", "GB")]
    public void The_country_is_detected_from_the_number(string phone, string region) => Assert.Equal(region, PhoneKeys.Country(phone));

    [Theory]
    [InlineData("5511987654321", "551187654321")]
    [InlineData("+55 11 8765-4321", "551187654321")]
    public void Brazilian_mobiles_with_and_without_the_ninth_digit_share_a_key(string phone, string key) => Assert.Equal(key, PhoneKeys.Key(phone));

    [Theory]
    [InlineData("5215512345678", "525512345678")]
    [InlineData("+52 55 1234 5678", "525512345678")]
    public void Mexican_mobiles_with_and_without_the_1_after_52_share_a_key(string phone, string key) => Assert.Equal(key, PhoneKeys.Key(phone));

    [Theory]
    [InlineData("5491123456789", "541123456789")]
    [InlineData("+54 11 2345 6789", "541123456789")]
    public void Argentinian_mobiles_with_and_without_the_9_after_54_share_a_key(string phone, string key) => Assert.Equal(key, PhoneKeys.Key(phone));

    [Theory]
    [InlineData("+55 11 3456-7890", "551134567890")] // a Brazilian landline keeps every digit
    [InlineData("+4915112345678", "4915112345678")]
    [InlineData("+390612345678", "390612345678")] // Italy keeps its leading zero
    public void Other_numbers_keep_all_their_digits_as_key(string phone, string key) => Assert.Equal(key, PhoneKeys.Key(phone));
}
