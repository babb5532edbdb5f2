"use client";

import { Plus } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Field, NativeSelect, Textarea } from "~/app/_components/admin/controls";
import { Dialog, DialogClose, DialogContent, DialogTrigger } from "~/app/_components/ui/dialog";
import { ApiErrorAlert } from "~/app/_components/api-error-alert";
import { Button } from "~/app/_components/ui/button";
import { FormField } from "~/app/_components/ui/form-field";
import { fieldErrorsOf } from "~/app/_lib/api-errors";
import { api, type RouterOutputs } from "~/app/_trpc/react";
import { slugify } from "../_lib/slugify";
import type { AdminProduct } from "./product-row";

type Category = RouterOutputs["admin"]["categories"]["list"][number];

interface NewProductDialogProps {
  categories: Category[];
  onCreated: (product: AdminProduct) => void;
}

export function NewProductDialog({ categories, onCreated }: NewProductDialogProps) {
  const [open, setOpen] = useState(false);
  const [slug, setSlug] = useState<string | null>(null); // null: follow the name
  const [name, setName] = useState("");
  const utils = api.useUtils();
  const create = api.admin.products.create.useMutation({
    onSuccess: (product) => {
      setOpen(false);
      void utils.admin.invalidate();
      onCreated(product);
    },
  });
  const [categoryId, setCategoryId] = useState("");
  const errors = fieldErrorsOf(create.error);
  // The server's rule for an empty ID reads like a programmer's message; say what to do instead.
  const categoryErrors = errors.categoryId && (categoryId ? errors.categoryId : ["Choose a category."]);
  const hasFieldErrors = Object.keys(errors).length > 0;

  function onOpenChange(next: boolean) {
    setOpen(next);
    if (next) {
      create.reset();
      setName("");
      setSlug(null);
      setCategoryId("");
    }
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (key: string) => String(form.get(key) ?? "");
    const stock = text("stock").trim();
    create.mutate({
      name: text("name"),
      slug: text("slug"),
      categoryId: text("categoryId"),
      price: text("price"),
      // Anything but digits goes as NaN, so the server's "Enter a whole number." applies.
      stock: /^\d+$/.test(stock) ? Number(stock) : Number.NaN,
      description: text("description"),
      imageUrl: text("imageUrl").trim() || null,
      active: form.get("active") === "on",
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <Plus aria-hidden />
          New product
        </Button>
      </DialogTrigger>
      <DialogContent
        title="New product"
        description="It appears in the shop as soon as it is active."
        className="max-w-2xl"
      >
        <form onSubmit={onSubmit} noValidate className="grid gap-4 sm:grid-cols-2">
          {create.error && !hasFieldErrors && <ApiErrorAlert error={create.error} className="sm:col-span-2" />}
          <FormField
            label="Name"
            name="name"
            required
            maxLength={160}
            value={name}
            onChange={(event) => setName(event.target.value)}
            errors={errors.name}
            className="sm:col-span-2"
          />
          <FormField
            label="Slug"
            name="slug"
            required
            maxLength={180}
            value={slug ?? slugify(name)}
            onChange={(event) => setSlug(event.target.value)}
            hint="The product's address in the shop: /products/your-slug."
            errors={errors.slug}
            className="sm:col-span-2"
          />
          <Field label="Category" errors={categoryErrors} className="sm:col-span-2">
            {(control) => (
              <NativeSelect
                {...control}
                name="categoryId"
                required
                value={categoryId}
                onChange={(event) => setCategoryId(event.target.value)}
              >
                <option value="" disabled>
                  Choose a category
                </option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </NativeSelect>
            )}
          </Field>
          {categories.length === 0 && (
            <p className="text-sm text-muted-foreground sm:col-span-2">
              There are no categories yet.{" "}
              <Link href="/admin/categories" className="font-medium text-primary underline-offset-4 hover:underline">
                Create one first
              </Link>
              .
            </p>
          )}
          <FormField
            label="Price ($)"
            name="price"
            inputMode="decimal"
            required
            placeholder="12.50"
            errors={errors.price}
          />
          <FormField label="Stock" name="stock" inputMode="numeric" required defaultValue="0" errors={errors.stock} />
          <Field label="Description" errors={errors.description} className="sm:col-span-2">
            {(control) => <Textarea {...control} name="description" required maxLength={5000} rows={4} />}
          </Field>
          <FormField
            label="Image URL (optional)"
            name="imageUrl"
            type="url"
            placeholder="https://…"
            errors={errors.imageUrl}
            className="sm:col-span-2"
          />
          <label className="flex items-center gap-2 text-sm font-medium sm:col-span-2">
            <input type="checkbox" name="active" defaultChecked className="size-4 accent-primary" />
            Active (visible in the shop)
          </label>
          <div className="flex flex-col-reverse gap-2 sm:col-span-2 sm:flex-row sm:justify-end">
            <DialogClose asChild>
              <Button variant="outline">Cancel</Button>
            </DialogClose>
            <Button type="submit" disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create product"}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
