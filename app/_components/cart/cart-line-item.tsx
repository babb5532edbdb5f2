"use client";

import type { Route } from "next";
import Link from "next/link";
import { Trash2 } from "lucide-react";
import { formatCents, formatMoney, toCents } from "~/app/_components/catalog/money";
import { ProductImage } from "~/app/_components/catalog/product-image";
import { QuantityStepper } from "~/app/_components/catalog/quantity-stepper";
import { LOW_STOCK } from "~/app/_components/catalog/stock-badge";
import { Button } from "~/app/_components/ui/button";
import { maxQuantityOf, type CartLine } from "./cart-store";

interface CartLineItemProps {
  line: CartLine;
  /** The server's reason this line cannot be ordered as it is (e.g. not enough stock). */
  problem?: string;
  disabled?: boolean;
  onQuantityChange: (quantity: number) => void;
  onRemove: () => void;
}

export function CartLineItem({ line, problem, disabled, onQuantityChange, onRemove }: CartLineItemProps) {
  const problemId = `cart-problem-${line.productId}`;
  const max = maxQuantityOf(line);
  return (
    <li className="grid grid-cols-[4.5rem_minmax(0,1fr)] gap-3 py-4 sm:grid-cols-[6rem_minmax(0,1fr)_auto] sm:gap-4">
      <ProductImage src={line.imageUrl} alt={line.name} sizes="6rem" className="size-18 sm:size-24" />
      <div className="grid min-w-0 content-start gap-1">
        <Link
          href={`/products/${line.slug}` as Route}
          // A prefetch would render (and cache) every product page each time the cart is shown.
          prefetch={false}
          className="font-medium break-words underline-offset-4 hover:underline"
        >
          {line.name}
        </Link>
        <p className="text-sm text-muted-foreground tabular-nums">{formatMoney(line.price)} each</p>
        {line.stock > 0 && line.stock <= LOW_STOCK && !problem && (
          <p className="text-xs text-muted-foreground">Only {line.stock} left.</p>
        )}
        {problem && (
          <p id={problemId} role="alert" className="text-sm font-medium text-destructive">
            {problem}
          </p>
        )}
      </div>
      <div className="col-span-2 flex items-center justify-between gap-3 sm:col-span-1 sm:grid sm:content-start sm:justify-items-end">
        <QuantityStepper
          value={line.quantity}
          max={max}
          label={`Quantity of ${line.name}`}
          onChange={onQuantityChange}
          disabled={disabled}
          invalid={Boolean(problem)}
          describedBy={problem ? problemId : undefined}
        />
        <div className="flex items-center gap-1 sm:gap-2">
          <span className="font-semibold tabular-nums">
            <span className="sr-only">Line total: </span>
            {formatCents(toCents(line.price) * line.quantity)}
          </span>
          <Button variant="ghost" size="icon" aria-label={`Remove ${line.name}`} onClick={onRemove} disabled={disabled}>
            <Trash2 aria-hidden />
          </Button>
        </div>
      </div>
    </li>
  );
}
