# Energy held by the top k singular directions (mean over 24 block matrices)
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 04-svd-update-energy.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '04-svd-update-energy.png'
set termoption noenhanced
set title 'Energy held by the top k singular directions (mean over 24 block matrices)' font ',15'
set xlabel 'k (log scale)'
set ylabel 'share of Σσ² in the top k'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom right box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
set xtics (1, 3, 10, 30)
set yrange [0:1.02]
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '04-svd-update-energy.dat' index 0 using 1:2 with linespoints lt 1 title 'ΔW, fine-tuning on the task', \
     '04-svd-update-energy.dat' index 1 using 1:2 with linespoints lt 2 title 'ΔW, continued pretraining (control)', \
     '04-svd-update-energy.dat' index 2 using 1:2 with linespoints lt 3 title 'pretrained weight W'
