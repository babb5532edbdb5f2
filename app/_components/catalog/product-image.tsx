"use client";

import { ImageOff } from "lucide-react";
import Image from "next/image";
import { useState } from "react";
import { cn } from "~/app/_lib/cn";

interface ProductImageProps {
  src: string | null;
  alt: string;
  className?: string;
  /** Above the fold (the product page's main image): load at once. */
  priority?: boolean;
  sizes?: string;
}

/**
 * A square product picture; a neutral placeholder when there is none or it fails to load.
 * Unoptimized: product images may live on any host an editor pastes, which Next's optimizer
 * would have to allow-list one by one.
 */
export function ProductImage({
  src,
  alt,
  className,
  priority,
  sizes = "(min-width: 1024px) 25vw, 50vw",
}: ProductImageProps) {
  const [failedSrc, setFailedSrc] = useState<string | null>(null);
  const usable = src && failedSrc !== src;
  return (
    <div className={cn("relative aspect-square overflow-hidden rounded-lg bg-muted", className)}>
      {usable ? (
        <Image
          src={src}
          alt={alt}
          fill
          unoptimized
          sizes={sizes}
          priority={priority}
          className="object-cover"
          onError={() => setFailedSrc(src)}
        />
      ) : (
        <div role="img" aria-label={alt} className="grid size-full place-items-center text-muted-foreground">
          <ImageOff aria-hidden className="size-8 opacity-60" />
        </div>
      )}
    </div>
  );
}
