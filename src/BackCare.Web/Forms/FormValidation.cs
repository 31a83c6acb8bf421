using System.ComponentModel.DataAnnotations;
using BackCare.Web.Accounts;
using BackCare.Web.Text;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Validation;

namespace BackCare.Web.Forms;

/// <summary>
/// Checks a form's simple fields by the validation attributes on its class, through .NET 10's validation
/// (<c>AddValidation()</c>; the class is marked <see cref="ValidatableTypeAttribute"/>, so its checks are generated at
/// build time), and adds each field's first problem to <see cref="FormErrors"/>, where every form on the site shows them.
/// An attribute's message is a key of the page's language file, with the attribute's own numbers after bars
/// (<c>"contact_error_too_long|{1}"</c>), so the words stay in the language file. Rules that weigh one field against
/// another, or need the database, stay in the page.
/// </summary>
public sealed class FormValidation(IOptions<ValidationOptions> options)
{
    /// <summary>Between a message's key and the numbers the attribute puts after it.</summary>
    public const char KeyEnd = '|';

    /// <summary>Adds each field's first problem to the page's <paramref name="errors"/>.</summary>
    public async Task CheckAsync(object form, IWords words, FormErrors errors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (field, problems) in await ProblemsAsync(form, words, cancellationToken))
        {
            errors.Add(field, problems[0]);
        }
    }

    /// <summary>Each field's problems in words, in the order of the form's properties: what an API answers with.</summary>
    public async Task<Dictionary<string, string[]>> ProblemsAsync(object form, IWords words, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(words);
        if (!options.Value.TryGetValidatableTypeInfo(form.GetType(), out var checks))
        {
            throw new InvalidOperationException($"{form.GetType().Name} has no generated checks: mark it [ValidatableType].");
        }

        var context = new ValidateContext { ValidationOptions = options.Value, ValidationContext = new ValidationContext(form) };
        await checks.ValidateAsync(form, context, cancellationToken);
        return (context.ValidationErrors ?? []).ToDictionary(
            error => FieldOf(error.Key),
            error => error.Value.Select(message => Said(message, words)).ToArray(),
            StringComparer.Ordinal);
    }

    /// <summary>The form's field for a property: its name as the page's inputs spell it ("Body" is "body").</summary>
    public static string FieldOf(string path) => string.Concat(char.ToLowerInvariant(path[0]).ToString(), path.AsSpan(1));

    /// <summary>An attribute's message in words: its key looked up, with the numbers after the key put in.</summary>
    public static string Said(string message, IWords words)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(words);
        var parts = message.Split(KeyEnd);
        return words.Format(parts[0], parts[1..]);
    }
}

public static class FormValidationServices
{
    /// <summary>.NET's validation, with the checks generated for the forms, and the site's way of saying its problems.</summary>
    public static IServiceCollection AddFormValidation(this IServiceCollection services)
    {
        services.AddValidation();
        return services.AddSingleton<FormValidation>();
    }
}
