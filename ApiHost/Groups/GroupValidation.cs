using Cluster.Grains.Interfaces.Groups;

namespace Cluster.ApiHost.Groups;

/// <summary>What a group's name and description may be.</summary>
public static class GroupValidation
{
    /// <summary>The problems with <paramref name="request"/> by field, or null; <paramref name="creating"/> requires a name.</summary>
    public static Dictionary<string, string[]>? Validate(GroupRequest request, bool creating)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Name is null ? creating : string.IsNullOrWhiteSpace(request.Name))
        {
            errors["name"] = ["Give the group a name."];
        }
        else if (request.Name is { } name && (name.Trim().Length > GroupName.MaxLength || name.Any(char.IsControl)))
        {
            errors["name"] = [$"At most {GroupName.MaxLength} characters, no control characters."];
        }

        if (request.Description is { } description && description.Length > GroupName.MaxDescriptionLength)
        {
            errors["description"] = [$"At most {GroupName.MaxDescriptionLength} characters; this has {description.Length}."];
        }

        return errors.Count == 0 ? null : errors;
    }
}
