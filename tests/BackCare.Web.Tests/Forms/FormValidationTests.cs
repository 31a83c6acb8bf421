using System.ComponentModel.DataAnnotations;
using System.Reflection;
using BackCare.Web.Accounts;
using BackCare.Web.Forms;
using BackCare.Web.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Validation;

#pragma warning disable ASP0029 // .NET 10's validation is marked experimental; the site uses it for its forms (Forms/).

namespace BackCare.Web.Tests.Forms;

/// <summary>
/// The forms' simple checks, declared as validation attributes and run by .NET's validation: what each finds, in what
/// order, in which words, and that every word comes from a language file.
/// </summary>
public sealed class FormValidationTests(BackCareFactory factory) : IClassFixture<BackCareFactory>
{
    private static readonly Type[] FormTypes = typeof(FormValidation).Assembly.GetTypes()
        .Where(type => type.GetCustomAttribute<ValidatableTypeAttribute>() is not null)
        .ToArray();

    private FormValidation Validation => factory.Services.GetRequiredService<FormValidation>();

    [Fact]
    public void Given_the_site_When_its_forms_are_listed_Then_each_has_checks_generated_at_build_time()
    {
        FormTypes.Length.ShouldBeGreaterThanOrEqualTo(7);
        var options = factory.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<ValidationOptions>>().Value;
        foreach (var type in FormTypes)
        {
            options.TryGetValidatableTypeInfo(type, out _).ShouldBeTrue(type.Name);
        }
    }

    [Fact]
    public void Given_every_attribute_of_every_form_When_its_message_is_looked_up_Then_the_words_are_in_a_language_file()
    {
        var checkedMessages = 0;
        foreach (var property in FormTypes.SelectMany(type => type.GetProperties()))
        {
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
            {
                attribute.ErrorMessage.ShouldNotBeNullOrWhiteSpace($"{property.DeclaringType!.Name}.{property.Name}");
                var key = attribute.ErrorMessage!.Split(FormValidation.KeyEnd)[0];
                var found = Has(key => PageText.English[key], key) || Has(key => AccountText.English[key], key);
                found.ShouldBeTrue($"{property.DeclaringType!.Name}.{property.Name}: '{key}' is in no language file");
                checkedMessages++;
            }
        }

        checkedMessages.ShouldBeGreaterThanOrEqualTo(14);
    }

    private static bool Has(Func<string, string> lookUp, string key)
    {
        try
        {
            return lookUp(key).Length > 0;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }

    [Fact]
    public async Task Given_a_visitor_who_filled_in_nothing_When_checked_Then_name_then_a_way_to_reach_them_are_asked_for_in_words()
    {
        var errors = new FormErrors();

        await Validation.CheckAsync(new ContactVisitorForm(), PageText.English, errors, CancellationToken.None);

        errors.All.Select(e => e.Field).ShouldBe(["name", "email"]);
        errors.For("name").ShouldBe(PageText.English["contact_error_name"]);
        errors.For("email").ShouldBe(PageText.English["contact_error_reach"]);
    }

    [Theory]
    [InlineData("Ann", null, "+44 20 7946 0000", null)]
    [InlineData("Ann", "ann@example.org", null, null)]
    [InlineData("   ", "ann@example.org", null, "name")]
    [InlineData("Ann", "ann at example", null, "email")]
    [InlineData("Ann", null, "call me", "phone")]
    [InlineData("Ann", null, "+44 20 7946 0000 extension 1234 ask for Ann", "phone")]
    public async Task Given_a_visitor_When_checked_Then_only_the_field_with_a_problem_is_named(
        string name, string? email, string? phone, string? wrong)
    {
        var errors = new FormErrors();

        await Validation.CheckAsync(new ContactVisitorForm { Name = name, Email = email, Phone = phone }, PageText.English, errors, CancellationToken.None);

        errors.All.Select(e => e.Field).ShouldBe(wrong is null ? [] : [wrong]);
    }

    [Fact]
    public async Task Given_a_message_one_character_too_long_When_checked_Then_the_limit_is_said_with_its_number()
    {
        var problems = await Validation.ProblemsAsync(
            new MessageForm { Body = new string('a', MessageForm.MaxBodyLength + 1) }, PageText.English, CancellationToken.None);

        problems.Keys.ShouldBe(["body"]);
        problems["body"].ShouldBe([PageText.English.Format("contact_error_too_long", MessageForm.MaxBodyLength)]);
        problems["body"][0].ShouldContain(MessageForm.MaxBodyLength.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Given_a_message_at_the_limit_When_checked_Then_it_passes()
    {
        var problems = await Validation.ProblemsAsync(
            new MessageForm { Body = new string('a', MessageForm.MaxBodyLength) }, PageText.English, CancellationToken.None);

        problems.ShouldBeEmpty();
    }

    [Fact]
    public async Task Given_a_password_of_spaces_When_signing_in_Then_it_is_a_password_and_only_a_missing_one_is_refused()
    {
        var spaces = await Validation.ProblemsAsync(new SignInForm { Email = "a@example.org", Password = "   " }, AccountText.English, CancellationToken.None);
        var missing = await Validation.ProblemsAsync(new SignInForm { Email = "a@example.org" }, AccountText.English, CancellationToken.None);

        spaces.ShouldBeEmpty();
        missing.Keys.ShouldBe(["password"]);
        missing["password"].ShouldBe([AccountText.English.PasswordRequired]);
    }

    [Fact]
    public async Task Given_a_type_without_generated_checks_When_checked_Then_it_says_what_to_mark()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(
            () => Validation.CheckAsync(new object(), PageText.English, new FormErrors(), CancellationToken.None));

        failure.Message.ShouldContain("[ValidatableType]");
    }

    [Theory]
    [InlineData("contact_error_body", "Write your message.")]
    [InlineData("note_error_too_long|8000", "The note is too long: keep it under 8000 characters.")]
    public void Given_an_attribute_message_When_said_Then_the_key_is_looked_up_and_its_numbers_put_in(string message, string said) =>
        FormValidation.Said(message, PageText.English).ShouldBe(said);
}
