import { ReviewList } from "./review-list";
import { ReviewSummary } from "./review-summary";
import { YourReview } from "./your-review";

interface ProductReviewsProps {
  productId: string;
  viewerId: string | null;
  signInHref: string;
}

export function ProductReviews({ productId, viewerId, signInHref }: ProductReviewsProps) {
  return (
    <section aria-labelledby="reviews-heading" className="grid gap-6 border-t pt-10">
      <h2 id="reviews-heading" className="text-2xl font-semibold tracking-tight">
        Customer reviews
      </h2>
      <div className="grid gap-8 lg:grid-cols-[20rem_minmax(0,1fr)] lg:items-start">
        <div className="grid content-start gap-6">
          <ReviewSummary productId={productId} />
          <YourReview productId={productId} viewerId={viewerId} signInHref={signInHref} />
        </div>
        <ReviewList productId={productId} />
      </div>
    </section>
  );
}
