using System.Text.Json;
using LibreView.Client.Parsing;

namespace LibreView.Tests.Data;

/// <summary>The name and date of birth of an account: epoch seconds as the reference confirms, anything else read or left out, never a failure.</summary>
public sealed class PersonReaderTests
{
    private static JsonElement Json(string text) => JsonDocument.Parse(text).RootElement;

    [Theory]
    [InlineData("""{"dob":396144000}""", "1982-07-22")]
    [InlineData("""{"dob":"396144000"}""", "1982-07-22")]
    [InlineData("""{"dob":"1982-07-22"}""", "1982-07-22")]
    [InlineData("""{"dob":"1982-07-22T00:00:00Z"}""", "1982-07-22")]
    [InlineData("""{"dob":"unknown"}""", null)]
    [InlineData("""{"dob":null}""", null)]
    [InlineData("""{"dob":99999999999999}""", null)]
    [InlineData("""{}""", null)]
    public void A_birth_date_is_read_from_epoch_seconds_or_an_iso_date(string json, string? expected) =>
        Assert.Equal(expected is null ? null : DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), PersonReader.BirthDate(Json(json), "dob"));

    [Fact]
    public void A_person_needs_a_name_or_a_birth_date_and_never_prints_them()
    {
        var person = PersonReader.Read(Json("""{"firstName":" Ada ","lastName":"Lovelace","dateOfBirth":396144000}"""), "dateOfBirth");

        Assert.Equal("Ada Lovelace", person!.FullName);
        Assert.DoesNotContain("Ada", person.ToString());
        Assert.Null(PersonReader.Read(Json("""{"firstName":"","id":"x"}"""), "dateOfBirth"));
        Assert.Equal("Lovelace", PersonReader.Read(Json("""{"lastName":"Lovelace"}"""), "dateOfBirth")!.FullName);
    }
}
