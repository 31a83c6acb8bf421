using System.ComponentModel.DataAnnotations;

namespace BackCare.Web.Forms;

/// <summary>
/// Needed unless another field of the same form is filled in: a way to reach someone is an email address or a phone
/// number, and either will do.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredWithoutAttribute(string other) : ValidationAttribute
{
    public string Other { get; } = other;

    public override bool RequiresValidationContext => true;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var otherValue = validationContext.ObjectType.GetProperty(Other)?.GetValue(validationContext.ObjectInstance);
        return IsBlank(value) && IsBlank(otherValue)
            ? new ValidationResult(FormatErrorMessage(validationContext.DisplayName), [validationContext.MemberName!])
            : ValidationResult.Success;
    }

    private static bool IsBlank(object? value) => value is null || value is string text && string.IsNullOrWhiteSpace(text);
}
