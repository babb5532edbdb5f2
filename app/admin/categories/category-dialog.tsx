"use client";

import { Pencil, Plus } from "lucide-react";
import { useState } from "react";
import { Field, Textarea } from "~/app/_components/admin/controls";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/app/_components/ui/dialog";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Button } from "~/app/_components/ui/button";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { slugify } from "../_lib/slugify";

type Category = RouterOutputs["admin"]["categories"]["list"][number];

interface CategoryDialogProps {
  /** The category to edit; none to create one. */
  category?: Category;
  onSaved: (name: string) => void;
}

/** Create or edit a category: name, slug and description, with the server's errors per field. */
export function CategoryDialog({ category, onSaved }: CategoryDialogProps) {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(category?.name ?? "");
  const [slug, setSlug] = useState<string | null>(category?.slug ?? null); // null: follow the name
  const utils = api.useUtils();
  const done = (saved: { name: string }) => {
    setOpen(false);
    void utils.admin.invalidate();
    onSaved(saved.name);
  };
  const create = api.admin.categories.create.useMutation({ onSuccess: done });
  const edit = api.admin.categories.update.useMutation({ onSuccess: done });
  const mutation = category ? edit : create;
  const errors = fieldErrorsOf(mutation.error);

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (!next) return;
    mutation.reset();
    setName(category?.name ?? "");
    setSlug(category?.slug ?? null);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = {
      name: String(form.get("name") ?? ""),
      slug: String(form.get("slug") ?? ""),
      description: String(form.get("description") ?? ""),
    };
    if (category) edit.mutate({ id: category.id, ...fields });
    else create.mutate(fields);
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        {category ? (
          <Button variant="ghost" size="sm" aria-label={`Edit ${category.name}`}>
            <Pencil aria-hidden />
            Edit
          </Button>
        ) : (
          <Button>
            <Plus aria-hidden />
            New category
          </Button>
        )}
      </DialogTrigger>
      <DialogContent
        title={category ? `Edit ${category.name}` : "New category"}
        description={
          category
            ? "Changing the slug changes the category's address in the shop; old links stop working."
            : "Products are filed under a category; shoppers browse by them."
        }
      >
        <form onSubmit={onSubmit} noValidate className="grid gap-4">
          {mutation.error && !Object.keys(errors).length && <ApiErrorAlert error={mutation.error} />}
          <FormField
            label="Name"
            name="name"
            required
            maxLength={80}
            value={name}
            onChange={(event) => setName(event.target.value)}
            errors={errors.name}
          />
          <FormField
            label="Slug"
            name="slug"
            required
            maxLength={100}
            value={slug ?? slugify(name)}
            onChange={(event) => setSlug(event.target.value)}
            hint="Lower-case letters, digits and hyphens, e.g. running-shoes."
            errors={errors.slug}
          />
          <Field label="Description (optional)" errors={errors.description}>
            {(control) => (
              <Textarea
                {...control}
                name="description"
                maxLength={1000}
                rows={3}
                defaultValue={category?.description}
              />
            )}
          </Field>
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : category ? "Save changes" : "Create category"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
