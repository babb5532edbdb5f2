"use client";

import { useState } from "react";
import { fieldMessageOf } from "~/app/_components/admin/errors";
import { formatDay } from "~/app/_components/admin/format";
import { InlineEditCell } from "~/app/_components/admin/inline-edit-cell";
import { RowCheckbox, type RowSelection } from "~/app/_components/admin/row-selection";
import { Switch } from "~/app/_components/admin/switch";
import { Td, Tr } from "~/app/_components/admin/table";
import type { RouterInputs, RouterOutputs } from "~/app/_trpc/react";

export type AdminProduct = RouterOutputs["admin"]["products"]["list"]["items"][number];
export type ProductPatch = RouterInputs["admin"]["products"]["update"];

interface ProductRowProps {
  product: AdminProduct;
  selection: RowSelection;
  /** Saves a change to this product; rejects with the server's error. */
  onSave: (patch: ProductPatch) => Promise<unknown>;
}

const wholeNumber = (draft: string) => (/^\d+$/.test(draft) ? null : "Enter a whole number, like 12.");

export function ProductRow({ product, selection, onSave }: ProductRowProps) {
  const { id, name } = product;
  return (
    <Tr aria-selected={selection.has(id)}>
      <Td className="w-10">
        <RowCheckbox selection={selection} id={id} label={`Select ${name}`} />
      </Td>
      <Td className="max-w-72 min-w-48">
        <p className="truncate font-medium" title={name}>
          {name}
        </p>
        <p className="truncate text-xs text-muted-foreground" title={product.slug}>
          {product.slug}
        </p>
      </Td>
      <Td className="whitespace-nowrap">{product.category.name}</Td>
      <Td className="w-36">
        <InlineEditCell
          label={`Price of ${name}`}
          field="price"
          prefix="$"
          inputMode="decimal"
          value={product.price}
          onSave={(price) => onSave({ id, price })}
        />
      </Td>
      <Td className="w-28">
        <InlineEditCell
          label={`Stock of ${name}`}
          field="stock"
          inputMode="numeric"
          value={String(product.stock)}
          validate={wholeNumber}
          onSave={(stock) => onSave({ id, stock: Number(stock) })}
        />
      </Td>
      <Td>
        <ActiveToggle product={product} onSave={onSave} />
      </Td>
      <Td className="whitespace-nowrap text-muted-foreground">
        <time dateTime={product.createdAt.toISOString()}>{formatDay(product.createdAt)}</time>
      </Td>
      <Td className="whitespace-nowrap text-muted-foreground">
        <time dateTime={product.updatedAt.toISOString()}>{formatDay(product.updatedAt)}</time>
      </Td>
    </Tr>
  );
}

function ActiveToggle({ product, onSave }: Pick<ProductRowProps, "product" | "onSave">) {
  // Shows the new position at once; the saved value takes over when the server answers.
  const [pendingValue, setPendingValue] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const pending = pendingValue !== null;

  async function change(active: boolean) {
    setPendingValue(active);
    setError(null);
    try {
      await onSave({ id: product.id, active });
    } catch (failure) {
      setError(fieldMessageOf(failure, "active"));
    } finally {
      setPendingValue(null);
    }
  }

  return (
    <div className="grid gap-1">
      <Switch
        aria-label={`Active: ${product.name}`}
        checked={pendingValue ?? product.active}
        disabled={pending}
        aria-busy={pending || undefined}
        onCheckedChange={(active) => void change(active)}
      />
      {error && (
        <p role="alert" className="max-w-40 text-xs text-destructive">
          {error}
        </p>
      )}
    </div>
  );
}
